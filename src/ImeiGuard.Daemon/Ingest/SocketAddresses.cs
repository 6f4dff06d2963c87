using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>Reads a sender's address from the sockaddr bytes without allocating an endpoint.</summary>
internal static class SocketAddresses
{
    /// <summary>The address as 128 bits, IPv4 mapped into ::ffff:0:0/96 (see <see cref="IpPrefix"/>).</summary>
    public static UInt128 ToUInt128(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        return address.Family == AddressFamily.InterNetwork
            ? ((UInt128)0xFFFF << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) // sockaddr_in: family(2) port(2) addr(4)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes[8..]);                          // sockaddr_in6: family(2) port(2) flowinfo(4) addr(16)
    }
}
