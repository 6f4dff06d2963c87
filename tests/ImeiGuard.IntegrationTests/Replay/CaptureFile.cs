using System.Buffers.Binary;
using System.Net;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>
/// Reads the records of a classic little-endian pcap (the corpus files) and writes them back as pcap or
/// pcapng with another link layer, so one corpus capture can be replayed in every form the reader supports.
/// </summary>
internal static class CaptureFile
{
    public const ushort LinkEthernet = 1;
    public const ushort LinkSll = 113;
    public const ushort LinkSll2 = 276;

    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;

    /// <summary>The records of a little-endian, microsecond pcap file.</summary>
    public static List<CaptureRecord> ReadPcap(byte[] file)
    {
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        var records = new List<CaptureRecord>();
        for (var offset = 24; offset < file.Length;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            records.Add(new CaptureRecord(
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)),
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4)),
                file.AsSpan(offset + 16, captured).ToArray()));
            offset += 16 + captured;
        }

        return records;
    }

    public static byte[] WritePcap(ushort linkType, IEnumerable<CaptureRecord> records)
    {
        var bytes = new List<byte>();
        U32(bytes, 0xA1B2C3D4);
        U16(bytes, 2);
        U16(bytes, 4);
        U32(bytes, 0);
        U32(bytes, 0);
        U32(bytes, 262_144);
        U32(bytes, linkType);
        foreach (var r in records)
        {
            U32(bytes, r.Seconds);
            U32(bytes, r.Microseconds);
            U32(bytes, (uint)r.Frame.Length);
            U32(bytes, (uint)r.Frame.Length);
            bytes.AddRange(r.Frame);
        }

        return [.. bytes];
    }

    /// <summary>A little-endian pcapng file: SHB, one IDB (microsecond timestamps, the default), one EPB per record.</summary>
    public static byte[] WritePcapNg(ushort linkType, IEnumerable<CaptureRecord> records)
    {
        var bytes = new List<byte>();
        Block(bytes, 0x0A0D0D0A, [.. Le32(0x1A2B3C4D), .. Le16(1), .. Le16(0), .. Le32(uint.MaxValue), .. Le32(uint.MaxValue)]);
        Block(bytes, 1, [.. Le16(linkType), .. Le16(0), .. Le32(0)]);
        foreach (var r in records)
        {
            var ticks = (r.Seconds * 1_000_000UL) + r.Microseconds;
            var padding = new byte[(4 - (r.Frame.Length % 4)) % 4];
            Block(bytes, 6, [.. Le32(0), .. Le32((uint)(ticks >> 32)), .. Le32((uint)ticks), .. Le32((uint)r.Frame.Length), .. Le32((uint)r.Frame.Length), .. r.Frame, .. padding]);
        }

        return [.. bytes];
    }

    /// <summary>The IP packet inside an untagged Ethernet frame.</summary>
    public static byte[] IpOf(byte[] ethernetFrame) => ethernetFrame[14..];

    /// <summary>An Ethernet frame with one 802.1Q tag (VLAN 100) around the IP packet.</summary>
    public static byte[] VlanTagged(byte[] ethernetFrame) =>
        [.. ethernetFrame[..12], 0x81, 0x00, 0x00, 100, .. ethernetFrame[12..]];

    /// <summary>Linux cooked capture v1: packet type, ARPHRD_LOOPBACK, address length 6, address, protocol.</summary>
    public static byte[] Sll(byte[] ip) =>
        [0, 0, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, .. Be16(EtherType(ip)), .. ip];

    /// <summary>Linux cooked capture v2: protocol, reserved, interface index, ARPHRD, packet type, address length, address.</summary>
    public static byte[] Sll2(byte[] ip) =>
        [.. Be16(EtherType(ip)), 0, 0, 0, 0, 0, 1, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, .. ip];

    /// <summary>An Ethernet frame carrying the same UDP datagram over IPv6 between the given addresses.</summary>
    public static byte[] ToIpv6(byte[] ethernetFrame, IPAddress source, IPAddress destination)
    {
        var ipv4 = IpOf(ethernetFrame);
        var headerLength = (ipv4[0] & 0xF) * 4;
        var udp = ipv4[headerLength..BinaryPrimitives.ReadUInt16BigEndian(ipv4.AsSpan(2))];
        var ipv6 = new byte[40 + udp.Length];
        ipv6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ipv6.AsSpan(4), (ushort)udp.Length);
        ipv6[6] = 17;
        ipv6[7] = 64;
        source.GetAddressBytes().CopyTo(ipv6, 8);
        destination.GetAddressBytes().CopyTo(ipv6, 24);
        udp.CopyTo(ipv6, 40);
        return [.. ethernetFrame[..12], .. Be16(EtherTypeIpv6), .. ipv6];
    }

    /// <summary>An Ethernet/IPv4/UDP frame (zero MAC addresses, as a loopback capture has them).</summary>
    public static byte[] EthernetUdp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, byte[] payload)
    {
        var ip = new byte[28 + payload.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        source.GetAddressBytes().CopyTo(ip, 12);
        destination.GetAddressBytes().CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), (ushort)(8 + payload.Length));
        payload.CopyTo(ip, 28);
        return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. Be16(EtherTypeIpv4), .. ip];
    }

    private static ushort EtherType(byte[] ip) => ip[0] >> 4 == 6 ? EtherTypeIpv6 : EtherTypeIpv4;

    private static void Block(List<byte> bytes, uint type, byte[] body)
    {
        var length = (uint)(12 + body.Length);
        bytes.AddRange([.. Le32(type), .. Le32(length), .. body, .. Le32(length)]);
    }

    private static void U16(List<byte> bytes, ushort value) => bytes.AddRange(Le16(value));

    private static void U32(List<byte> bytes, uint value) => bytes.AddRange(Le32(value));

    private static byte[] Le16(ushort value)
    {
        var octets = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(octets, value);
        return octets;
    }

    private static byte[] Le32(uint value)
    {
        var octets = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(octets, value);
        return octets;
    }

    private static byte[] Be16(ushort value) => [(byte)(value >> 8), (byte)value];
}
