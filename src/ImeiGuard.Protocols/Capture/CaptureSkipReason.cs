namespace ImeiGuard.Protocols.Capture;

/// <summary>Why a record gave no datagram (with <see cref="CaptureStatus.Skipped"/>) or why the file is unreadable (with <see cref="CaptureStatus.InvalidData"/>).</summary>
public enum CaptureSkipReason : byte
{
    None = 0,

    // Skipped: records that are not packets.

    /// <summary>The classic pcap file header.</summary>
    FileHeader,

    /// <summary>A pcapng block other than a packet block (SHB, IDB, statistics, name resolution, unknown types).</summary>
    Metadata,

    // Skipped: packet records that hold no usable UDP datagram.

    /// <summary>The interface's link type is not one this reader decodes.</summary>
    UnsupportedLinkType,

    /// <summary>A pcapng packet refers to an interface that was never described (or beyond the table size).</summary>
    UnknownInterface,

    /// <summary>Neither IPv4 nor IPv6 (ARP, LLC, …).</summary>
    NotIp,

    /// <summary>IP, but not UDP (TCP, ICMP, ESP, …).</summary>
    NotUdp,

    /// <summary>An IP fragment (IPv4 MF/offset, IPv6 Fragment header): reassembly is not done.</summary>
    Fragment,

    /// <summary>The capture cut the packet (snap length) before the end of the UDP datagram.</summary>
    Truncated,

    /// <summary>Inconsistent IP or UDP header fields.</summary>
    MalformedPacket,

    // InvalidData: the file cannot be read further.

    /// <summary>The first octets are neither a pcap nor a pcapng magic number.</summary>
    UnknownFormat,

    /// <summary>A record or block length is impossible (too small, not a multiple of 4, too large, or the trailing copy differs).</summary>
    InvalidRecordLength,
}
