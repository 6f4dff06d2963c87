using System.Buffers.Binary;

namespace ImeiGuard.LoadGen.Traffic;

/// <summary>
/// Writes a classic libpcap file (magic a1b2c3d4, microsecond timestamps, LINKTYPE_ETHERNET) of UDP datagrams,
/// framed as a capture on the Linux loopback interface gives them: a 14-octet Ethernet header with zero MAC
/// addresses, IPv4 (RFC 791, header checksum filled in), UDP (RFC 768, checksum 0 = none, allowed over IPv4).
/// </summary>
internal sealed class PcapWriter : IDisposable
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int UdpLength = 8;

    /// <summary>Ethernet + IPv4 + UDP headers in front of every payload.</summary>
    public const int FrameOverhead = EthernetLength + Ipv4Length + UdpLength;

    private readonly Stream _stream;
    private readonly byte[] _record = new byte[RecordHeaderLength + FrameOverhead + ushort.MaxValue];
    private ushort _ipId;

    public PcapWriter(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);     // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);    // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535); // snaplen
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);    // LINKTYPE_ETHERNET
        _stream.Write(header);
    }

    /// <summary>Appends one IPv4/UDP datagram. Addresses are packed big-endian (a.b.c.d = a&lt;&lt;24 | ...).</summary>
    public void WriteUdp(long unixMicroseconds, uint source, ushort sourcePort, uint destination, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var frameLength = FrameOverhead + payload.Length;
        var r = _record.AsSpan(0, RecordHeaderLength + frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)(unixMicroseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)(unixMicroseconds % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[8..], (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(r[12..], (uint)frameLength);

        var frame = r[RecordHeaderLength..];
        frame[..12].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);

        var ip = frame.Slice(EthernetLength, Ipv4Length);
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + UdpLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], _ipId++);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 64;
        ip[9] = 17; // UDP
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip));

        var udp = frame.Slice(EthernetLength + Ipv4Length, UdpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(frame[FrameOverhead..]);
        _stream.Write(r);
    }

    /// <summary>RFC 791 header checksum: one's complement of the one's complement sum of the 16-bit words.</summary>
    private static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public void Dispose() => _stream.Flush();
}
