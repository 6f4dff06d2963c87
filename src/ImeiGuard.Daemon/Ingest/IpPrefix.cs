using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// An address prefix held as a 128-bit value: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d/96+n), so one
/// comparison covers both families and dual-stack sockets.
/// </summary>
internal readonly record struct IpPrefix(UInt128 Network, int Length)
{
    public bool Contains(UInt128 address) =>
        Length == 0 || ((address ^ Network) >> (128 - Length)) == UInt128.Zero;

    public static bool TryParse(string text, [NotNullWhen(true)] out IpPrefix? prefix)
    {
        prefix = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var ip))
        {
            return false;
        }

        var width = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = width;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out length) || length < 0 || length > width))
        {
            return false;
        }

        var mapped = ToUInt128(ip);
        var total = width == 32 ? 96 + length : length;
        var network = total == 0 ? UInt128.Zero : mapped & (UInt128.MaxValue << (128 - total));
        prefix = new IpPrefix(network, total);
        return true;
    }

    public static UInt128 ToUInt128(IPAddress ip)
    {
        Span<byte> bytes = stackalloc byte[16];
        ip.MapToIPv6().TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
