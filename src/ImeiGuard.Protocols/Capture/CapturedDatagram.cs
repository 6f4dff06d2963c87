namespace ImeiGuard.Protocols.Capture;

/// <summary>
/// One UDP datagram from a capture record. <see cref="Payload"/> is a slice of the buffer that was read, so it is
/// valid only as long as that buffer is.
/// </summary>
public ref struct CapturedDatagram
{
    /// <summary>1-based number of the packet record in the file (Wireshark's frame number).</summary>
    public long FrameNumber;

    /// <summary>Capture time as Unix nanoseconds (0 where the format has none, as in a pcapng Simple Packet Block).</summary>
    public long TimestampUnixNanoseconds;

    /// <summary>pcapng interface index (0 for classic pcap).</summary>
    public int InterfaceId;

    /// <summary>The LINKTYPE_ of the record's interface.</summary>
    public ushort LinkType;

    public CapturedAddress Source;
    public CapturedAddress Destination;
    public ushort SourcePort;
    public ushort DestinationPort;

    /// <summary>The UDP payload, cut to the UDP Length field (link-layer padding removed).</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>The capture time as a <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public readonly DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampUnixNanoseconds / 100);
}
