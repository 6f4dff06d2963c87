using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ImeiGuard.Protocols.Capture;

/// <summary>
/// Incremental reader of classic pcap and pcapng files, one record per call. It is a plain mutable struct (not a
/// ref struct) so that a streaming caller can keep it across reads, e.g. from a PipeReader: pass the unread
/// octets, advance by <c>consumed</c>, and on <see cref="CaptureStatus.NeedMoreData"/> read more and call again
/// with the same octets plus the new ones. Nothing is allocated and nothing is thrown.
/// </summary>
public partial struct CaptureDecoder
{
    /// <summary>How many pcapng interfaces are remembered per section; packets of later ones are skipped.</summary>
    public const int MaxInterfaces = 32;

    /// <summary>Largest record accepted: libpcap's maximum snapshot length, or the file's snap length if larger.</summary>
    public const int MaxRecordLength = 262_144;

    private const int PcapFileHeader = 24;
    private const int PcapRecordHeader = 16;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private CaptureFormat _format;
    private bool _bigEndian;
    private bool _nanosecondTimestamps;
    private ushort _linkType;
    private uint _snapLength;
    private int _interfaceCount;
    private long _frameNumber;
    private CaptureSkipReason _fatal;
    private InterfaceTable _interfaces;

    /// <summary>The format, once the first octets have been read.</summary>
    public readonly CaptureFormat Format => _format;

    /// <summary>Packet records read so far.</summary>
    public readonly long FrameCount => _frameNumber;

    /// <summary>
    /// Reads one record from the start of <paramref name="buffer"/>: the file header, a packet record or a pcapng
    /// block. Returns <see cref="CaptureStatus.Datagram"/> with a UDP datagram, <see cref="CaptureStatus.Skipped"/>
    /// with the reason, <see cref="CaptureStatus.NeedMoreData"/> with <paramref name="consumed"/> = 0, or
    /// <see cref="CaptureStatus.InvalidData"/> (sticky) when the file structure is broken.
    /// </summary>
    public CaptureStatus TryReadRecord(ReadOnlySpan<byte> buffer, out CapturedDatagram datagram, out CaptureSkipReason reason, out int consumed)
    {
        datagram = default;
        consumed = 0;
        reason = _fatal;
        if (_fatal != CaptureSkipReason.None)
        {
            return CaptureStatus.InvalidData;
        }

        var status = _format switch
        {
            CaptureFormat.Pcap => ReadPcapRecord(buffer, ref datagram, out reason, out consumed),
            CaptureFormat.PcapNg => ReadBlock(buffer, ref datagram, out reason, out consumed),
            _ => ReadFileStart(buffer, ref datagram, out reason, out consumed),
        };

        if (status == CaptureStatus.InvalidData)
        {
            _fatal = reason;
            consumed = 0;
        }

        return status;
    }

    private CaptureStatus ReadFileStart(ReadOnlySpan<byte> buffer, ref CapturedDatagram datagram, out CaptureSkipReason reason, out int consumed)
    {
        reason = CaptureSkipReason.None;
        consumed = 0;
        if (buffer.Length < 4)
        {
            return CaptureStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) == PcapNgBlockTypes.SectionHeader)
        {
            return ReadBlock(buffer, ref datagram, out reason, out consumed);
        }

        return ReadPcapFileHeader(buffer, out reason, out consumed);
    }

    /// <summary>
    /// Classic pcap file header (draft-ietf-opsawg-pcap §4): magic, version(2+2), reserved(4+4), SnapLen(4),
    /// LinkType(4: low 16 bits the link type, high bits FCS information). The magic's octet order gives the
    /// file's byte order; 0xA1B2C3D4 means microsecond and 0xA1B23C4D nanosecond timestamps.
    /// </summary>
    private CaptureStatus ReadPcapFileHeader(ReadOnlySpan<byte> buffer, out CaptureSkipReason reason, out int consumed)
    {
        reason = CaptureSkipReason.FileHeader;
        consumed = 0;
        var magic = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        switch (magic)
        {
            case 0xA1B2C3D4 or 0xA1B23C4D:
                _bigEndian = true;
                break;
            case 0xD4C3B2A1 or 0x4D3CB2A1:
                _bigEndian = false;
                break;
            default:
                reason = CaptureSkipReason.UnknownFormat;
                return CaptureStatus.InvalidData;
        }

        if (buffer.Length < PcapFileHeader)
        {
            reason = CaptureSkipReason.None;
            return CaptureStatus.NeedMoreData;
        }

        _nanosecondTimestamps = magic is 0xA1B23C4D or 0x4D3CB2A1;
        _snapLength = ReadUInt32(buffer[16..]);
        _linkType = (ushort)ReadUInt32(buffer[20..]);
        _format = CaptureFormat.Pcap;
        consumed = PcapFileHeader;
        return CaptureStatus.Skipped;
    }

    /// <summary>
    /// Classic pcap record (draft-ietf-opsawg-pcap §5): Timestamp seconds(4), microseconds or nanoseconds(4),
    /// Captured Packet Length(4), Original Packet Length(4), then the captured octets.
    /// </summary>
    private CaptureStatus ReadPcapRecord(ReadOnlySpan<byte> buffer, ref CapturedDatagram datagram, out CaptureSkipReason reason, out int consumed)
    {
        reason = CaptureSkipReason.None;
        consumed = 0;
        if (buffer.Length < PcapRecordHeader)
        {
            return CaptureStatus.NeedMoreData;
        }

        var capturedLength = ReadUInt32(buffer[8..]);
        if (capturedLength > Math.Max(MaxRecordLength, _snapLength) || capturedLength > int.MaxValue - PcapRecordHeader)
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var total = PcapRecordHeader + (int)capturedLength;
        if (buffer.Length < total)
        {
            return CaptureStatus.NeedMoreData;
        }

        var seconds = (long)ReadUInt32(buffer);
        var fraction = (long)ReadUInt32(buffer[4..]);
        datagram.TimestampUnixNanoseconds = (seconds * NanosecondsPerSecond) + (_nanosecondTimestamps ? fraction : fraction * 1000);
        consumed = total;
        return DecodePacket(_linkType, buffer[PcapRecordHeader..total], ref datagram, out reason);
    }

    /// <summary>Numbers the packet record and decodes it; every packet record is consumed whatever its content.</summary>
    private CaptureStatus DecodePacket(ushort linkType, ReadOnlySpan<byte> frame, ref CapturedDatagram datagram, out CaptureSkipReason reason)
    {
        datagram.FrameNumber = ++_frameNumber;
        reason = PacketDecoder.TryDecode(linkType, frame, ref datagram);
        if (reason == CaptureSkipReason.None)
        {
            return CaptureStatus.Datagram;
        }

        var frameNumber = datagram.FrameNumber;
        datagram = default;
        datagram.FrameNumber = frameNumber;
        return CaptureStatus.Skipped;
    }

    private readonly uint ReadUInt32(ReadOnlySpan<byte> octets) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(octets) : BinaryPrimitives.ReadUInt32LittleEndian(octets);

    private readonly ushort ReadUInt16(ReadOnlySpan<byte> octets) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(octets) : BinaryPrimitives.ReadUInt16LittleEndian(octets);

    /// <summary>What a pcapng Interface Description Block said about one interface.</summary>
    private struct InterfaceInfo
    {
        public ushort LinkType;
        public uint SnapLength;
        public byte ResolutionExponent;
        public bool ResolutionIsPowerOfTwo;
        public long OffsetSeconds;
    }

    /// <summary>Fixed-size interface table, so the decoder stays a single allocation-free value.</summary>
    [InlineArray(MaxInterfaces)]
    private struct InterfaceTable
    {
        private InterfaceInfo _element0;
    }
}
