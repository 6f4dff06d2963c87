using System.Buffers.Binary;
using System.Net;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>Hand-built link-layer frames and IP/UDP packets for the capture reader tests.</summary>
internal static class Frames
{
    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return udp;
    }

    public static byte[] Ipv4(string source, string destination, byte[] payload, byte protocol = 17, int optionWords = 0, ushort flagsAndOffset = 0x4000)
    {
        var headerLength = 20 + (optionWords * 4);
        var ip = new byte[headerLength + payload.Length];
        ip[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), flagsAndOffset);
        ip[8] = 64;
        ip[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 16);
        ip.AsSpan(20, headerLength - 20).Fill(0x01); // NOP options
        payload.CopyTo(ip, headerLength);
        return ip;
    }

    /// <summary>IPv6 with optional extension headers, each given as its type; every one is 8 octets long.</summary>
    public static byte[] Ipv6(string source, string destination, byte[] payload, byte protocol = 17, params byte[] extensionHeaders)
    {
        var ip = new byte[40 + (8 * extensionHeaders.Length) + payload.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)(ip.Length - 40));
        ip[6] = extensionHeaders.Length > 0 ? extensionHeaders[0] : protocol;
        ip[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 24);
        for (var i = 0; i < extensionHeaders.Length; i++)
        {
            var offset = 40 + (8 * i);
            ip[offset] = i + 1 < extensionHeaders.Length ? extensionHeaders[i + 1] : protocol;
            ip[offset + 1] = 0; // (0 + 1) × 8 octets; for a Fragment header the field is reserved
        }

        payload.CopyTo(ip, 40 + (8 * extensionHeaders.Length));
        return ip;
    }

    public static byte[] Ethernet(ushort etherType, byte[] payload, params ushort[] vlanTpids)
    {
        var frame = new byte[14 + (4 * vlanTpids.Length) + payload.Length];
        var offset = 12;
        foreach (var tpid in vlanTpids)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), 100);
            offset += 4;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame, offset + 2);
        return frame;
    }

    public static byte[] Sll(ushort protocol, byte[] payload)
    {
        var frame = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 772); // ARPHRD_LOOPBACK
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), protocol);
        payload.CopyTo(frame, 16);
        return frame;
    }

    public static byte[] Sll2(ushort protocol, byte[] payload)
    {
        var frame = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1);
        frame[11] = 6;
        payload.CopyTo(frame, 20);
        return frame;
    }
}
