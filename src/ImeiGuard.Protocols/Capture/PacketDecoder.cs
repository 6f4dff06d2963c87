using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Capture;

/// <summary>Link layer → IP → UDP for one captured frame. Never throws; every length is checked first.</summary>
internal static class PacketDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQLegacy = 0x9100;
    private const int EthernetHeader = 14;
    private const int VlanTag = 4;
    private const int MaxVlanTags = 4;
    private const int SllHeader = 16;
    private const int Sll2Header = 20;
    private const int Ipv4MinHeader = 20;
    private const int Ipv6Header = 40;
    private const int UdpHeader = 8;
    private const byte ProtocolUdp = 17;
    private const int MaxExtensionHeaders = 8;

    /// <summary>Decodes <paramref name="frame"/> of the given link type into <paramref name="datagram"/>.</summary>
    public static CaptureSkipReason TryDecode(ushort linkType, ReadOnlySpan<byte> frame, ref CapturedDatagram datagram)
    {
        datagram.LinkType = linkType;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                // IEEE 802.3: destination(6) source(6) EtherType(2); 802.1Q/802.1ad tags insert TPID(2) TCI(2).
                return frame.Length < EthernetHeader
                    ? CaptureSkipReason.Truncated
                    : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[12..]), frame[EthernetHeader..], ref datagram);
            case LinkTypes.LinuxSll:
                // LINKTYPE_LINUX_SLL: packet type(2) ARPHRD(2) address length(2) address(8) protocol(2).
                return frame.Length < SllHeader
                    ? CaptureSkipReason.Truncated
                    : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame[SllHeader..], ref datagram);
            case LinkTypes.LinuxSll2:
                // LINKTYPE_LINUX_SLL2: protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1) address(8).
                return frame.Length < Sll2Header
                    ? CaptureSkipReason.Truncated
                    : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[Sll2Header..], ref datagram);
            case LinkTypes.Raw:
                return frame.IsEmpty ? CaptureSkipReason.Truncated : DecodeIp(frame, ref datagram);
            case LinkTypes.Ipv4:
                return DecodeIpv4(frame, ref datagram);
            case LinkTypes.Ipv6:
                return DecodeIpv6(frame, ref datagram);
            case LinkTypes.Null:
            case LinkTypes.Loop:
                return DecodeLoopback(linkType, frame, ref datagram);
            default:
                return CaptureSkipReason.UnsupportedLinkType;
        }
    }

    private static CaptureSkipReason DecodeEtherType(ushort etherType, ReadOnlySpan<byte> rest, ref CapturedDatagram datagram)
    {
        for (var tags = 0; etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy; tags++)
        {
            if (tags == MaxVlanTags)
            {
                return CaptureSkipReason.MalformedPacket;
            }

            if (rest.Length < VlanTag)
            {
                return CaptureSkipReason.Truncated;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            rest = rest[VlanTag..];
        }

        return etherType switch
        {
            EtherTypeIpv4 => DecodeIpv4(rest, ref datagram),
            EtherTypeIpv6 => DecodeIpv6(rest, ref datagram),
            _ => CaptureSkipReason.NotIp,
        };
    }

    /// <summary>BSD loopback: a 4-octet AF_ value (2 = IPv4; 24, 28 or 30 = IPv6 depending on the OS).</summary>
    private static CaptureSkipReason DecodeLoopback(ushort linkType, ReadOnlySpan<byte> frame, ref CapturedDatagram datagram)
    {
        if (frame.Length < 4)
        {
            return CaptureSkipReason.Truncated;
        }

        // Why both orders for NULL: the field is in the capturing host's byte order, which the file does not record;
        // valid families are small, so the order that yields a value below 0x10000 is the right one.
        var family = BinaryPrimitives.ReadUInt32BigEndian(frame);
        if (linkType == LinkTypes.Null && family > 0xFFFF)
        {
            family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        }

        return family switch
        {
            2 => DecodeIpv4(frame[4..], ref datagram),
            24 or 28 or 30 => DecodeIpv6(frame[4..], ref datagram),
            _ => CaptureSkipReason.NotIp,
        };
    }

    private static CaptureSkipReason DecodeIp(ReadOnlySpan<byte> packet, ref CapturedDatagram datagram) => (packet[0] >> 4) switch
    {
        4 => DecodeIpv4(packet, ref datagram),
        6 => DecodeIpv6(packet, ref datagram),
        _ => CaptureSkipReason.NotIp,
    };

    /// <summary>
    /// RFC 791 §3.1: version/IHL, total length, flags + fragment offset, protocol, addresses; options are
    /// skipped through IHL. Total Length trims link-layer padding. Fragments (MF set or offset non-zero) are skipped.
    /// </summary>
    private static CaptureSkipReason DecodeIpv4(ReadOnlySpan<byte> packet, ref CapturedDatagram datagram)
    {
        if (packet.Length < Ipv4MinHeader)
        {
            return CaptureSkipReason.Truncated;
        }

        var headerLength = (packet[0] & 0xF) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (packet[0] >> 4 != 4 || headerLength < Ipv4MinHeader || totalLength < headerLength)
        {
            return CaptureSkipReason.MalformedPacket;
        }

        if (totalLength > packet.Length)
        {
            return CaptureSkipReason.Truncated;
        }

        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
        {
            return CaptureSkipReason.Fragment;
        }

        if (packet[9] != ProtocolUdp)
        {
            return CaptureSkipReason.NotUdp;
        }

        datagram.Source = CapturedAddress.Read(packet.Slice(12, 4));
        datagram.Destination = CapturedAddress.Read(packet.Slice(16, 4));
        return DecodeUdp(packet[headerLength..totalLength], ref datagram);
    }

    /// <summary>
    /// RFC 8200 §3–§4: fixed 40-octet header, then extension headers. Hop-by-Hop (0), Routing (43) and
    /// Destination Options (60) are skipped by their (length + 1) × 8; AH (51, RFC 4302) by (length + 2) × 4;
    /// a Fragment header (44) means a fragment, which is skipped. Jumbograms (payload length 0) are not supported.
    /// </summary>
    private static CaptureSkipReason DecodeIpv6(ReadOnlySpan<byte> packet, ref CapturedDatagram datagram)
    {
        if (packet.Length < Ipv6Header)
        {
            return CaptureSkipReason.Truncated;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (packet[0] >> 4 != 6 || payloadLength == 0)
        {
            return CaptureSkipReason.MalformedPacket;
        }

        if (Ipv6Header + payloadLength > packet.Length)
        {
            return CaptureSkipReason.Truncated;
        }

        var next = packet[6];
        var rest = packet.Slice(Ipv6Header, payloadLength);
        for (var i = 0; i <= MaxExtensionHeaders; i++)
        {
            if (next == ProtocolUdp)
            {
                datagram.Source = CapturedAddress.Read(packet.Slice(8, 16));
                datagram.Destination = CapturedAddress.Read(packet.Slice(24, 16));
                return DecodeUdp(rest, ref datagram);
            }

            int length;
            switch (next)
            {
                case 0 or 43 or 60:
                    length = rest.Length < 2 ? -1 : (rest[1] + 1) * 8;
                    break;
                case 51:
                    length = rest.Length < 2 ? -1 : (rest[1] + 2) * 4;
                    break;
                case 44:
                    return CaptureSkipReason.Fragment;
                default:
                    return CaptureSkipReason.NotUdp;
            }

            if (length < 0 || length > rest.Length)
            {
                return CaptureSkipReason.MalformedPacket;
            }

            next = rest[0];
            rest = rest[length..];
        }

        return CaptureSkipReason.MalformedPacket;
    }

    /// <summary>RFC 768: ports, Length (header + data, at least 8, within the IP payload).</summary>
    private static CaptureSkipReason DecodeUdp(ReadOnlySpan<byte> segment, ref CapturedDatagram datagram)
    {
        if (segment.Length < UdpHeader)
        {
            return CaptureSkipReason.MalformedPacket;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
        if (length < UdpHeader || length > segment.Length)
        {
            return CaptureSkipReason.MalformedPacket;
        }

        datagram.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
        datagram.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        datagram.Payload = segment[UdpHeader..length];
        return CaptureSkipReason.None;
    }
}
