using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Capture;

public partial struct CaptureDecoder
{
    /// <summary>Largest pcapng block accepted; a streaming caller must be able to buffer one whole block.</summary>
    public const int MaxBlockLength = 16 * 1024 * 1024;

    private const int BlockOverhead = 12;
    private const int SectionHeaderMinLength = 28;
    private const int InterfaceFixedBody = 8;
    private const int EnhancedFixedBody = 20;
    private const int ObsoleteFixedBody = 20;
    private const int SimpleFixedBody = 4;
    private const ushort OptionEnd = 0;
    private const ushort OptionTimestampResolution = 9;
    private const ushort OptionTimestampOffset = 14;
    private const byte DefaultResolutionExponent = 6;

    /// <summary>
    /// One pcapng block (draft-ietf-opsawg-pcapng §3.1): Block Type(4) Block Total Length(4) Body Block Total
    /// Length(4), the length a multiple of 4 and repeated at the end. A Section Header Block (§4.1) sets the byte
    /// order through its byte-order magic and forgets earlier interfaces; Interface Description Blocks (§4.2)
    /// are numbered from 0 within the section; Enhanced (§4.3), Simple (§4.4) and obsolete Packet Blocks
    /// (Appendix A) carry packets; every other block type is skipped.
    /// </summary>
    private CaptureStatus ReadBlock(ReadOnlySpan<byte> buffer, ref CapturedDatagram datagram, out CaptureSkipReason reason, out int consumed)
    {
        reason = CaptureSkipReason.None;
        consumed = 0;
        if (buffer.Length < 8)
        {
            return CaptureStatus.NeedMoreData;
        }

        var bigEndian = _bigEndian;
        var isSection = BinaryPrimitives.ReadUInt32LittleEndian(buffer) == PcapNgBlockTypes.SectionHeader;
        if (isSection)
        {
            if (buffer.Length < BlockOverhead)
            {
                return CaptureStatus.NeedMoreData;
            }

            var magic = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
            if (magic != PcapNgBlockTypes.ByteOrderMagic && BinaryPrimitives.ReverseEndianness(magic) != PcapNgBlockTypes.ByteOrderMagic)
            {
                reason = CaptureSkipReason.UnknownFormat;
                return CaptureStatus.InvalidData;
            }

            bigEndian = magic == PcapNgBlockTypes.ByteOrderMagic;
        }

        var type = ReadUInt32(buffer, bigEndian);
        var length = ReadUInt32(buffer[4..], bigEndian);
        if (length < (isSection ? SectionHeaderMinLength : BlockOverhead) || length % 4 != 0 || length > MaxBlockLength)
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        if ((uint)buffer.Length < length)
        {
            return CaptureStatus.NeedMoreData;
        }

        var block = buffer[..(int)length];
        if (ReadUInt32(block[^4..], bigEndian) != length)
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var body = block[8..^4];
        consumed = block.Length;
        reason = CaptureSkipReason.Metadata;
        switch (type)
        {
            case PcapNgBlockTypes.SectionHeader:
                _bigEndian = bigEndian;
                _format = CaptureFormat.PcapNg;
                _interfaceCount = 0;
                return CaptureStatus.Skipped;
            case PcapNgBlockTypes.InterfaceDescription:
                return ReadInterfaceDescription(body, out reason);
            case PcapNgBlockTypes.EnhancedPacket:
                return ReadEnhancedPacket(body, ref datagram, out reason);
            case PcapNgBlockTypes.SimplePacket:
                return ReadSimplePacket(body, ref datagram, out reason);
            case PcapNgBlockTypes.ObsoletePacket:
                return ReadObsoletePacket(body, ref datagram, out reason);
            default:
                return CaptureStatus.Skipped;
        }
    }

    /// <summary>IDB: LinkType(2) Reserved(2) SnapLen(4) options; if_tsresol (9) and if_tsoffset (14) are honoured.</summary>
    private CaptureStatus ReadInterfaceDescription(ReadOnlySpan<byte> body, out CaptureSkipReason reason)
    {
        reason = CaptureSkipReason.Metadata;
        if (body.Length < InterfaceFixedBody)
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var info = new InterfaceInfo
        {
            LinkType = ReadUInt16(body),
            SnapLength = ReadUInt32(body[4..]),
            ResolutionExponent = DefaultResolutionExponent,
        };

        var options = body[InterfaceFixedBody..];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            int optionLength = ReadUInt16(options[2..]);
            if (code == OptionEnd || 4 + optionLength > options.Length)
            {
                break;
            }

            var value = options.Slice(4, optionLength);
            if (code == OptionTimestampResolution && optionLength >= 1)
            {
                info.ResolutionIsPowerOfTwo = (value[0] & 0x80) != 0;
                info.ResolutionExponent = (byte)(value[0] & 0x7F);
            }
            else if (code == OptionTimestampOffset && optionLength >= 8)
            {
                info.OffsetSeconds = (long)(_bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
            }

            options = options[Math.Min(options.Length, 4 + ((optionLength + 3) & ~3))..];
        }

        if (_interfaceCount < MaxInterfaces)
        {
            _interfaces[_interfaceCount] = info;
        }

        _interfaceCount++;
        return CaptureStatus.Skipped;
    }

    /// <summary>EPB: Interface ID(4) Timestamp high(4) low(4) Captured Length(4) Original Length(4) data, padding, options.</summary>
    private CaptureStatus ReadEnhancedPacket(ReadOnlySpan<byte> body, ref CapturedDatagram datagram, out CaptureSkipReason reason)
    {
        var capturedLength = body.Length < EnhancedFixedBody ? uint.MaxValue : ReadUInt32(body[12..]);
        if (capturedLength > (uint)(body.Length - EnhancedFixedBody))
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var ticks = ((ulong)ReadUInt32(body[4..]) << 32) | ReadUInt32(body[8..]);
        return DecodeInterfacePacket((int)ReadUInt32(body), ticks, body.Slice(EnhancedFixedBody, (int)capturedLength), ref datagram, out reason);
    }

    /// <summary>Obsolete Packet Block: Interface ID(2) Drops Count(2) Timestamp high(4) low(4) Captured Length(4) Packet Length(4) data.</summary>
    private CaptureStatus ReadObsoletePacket(ReadOnlySpan<byte> body, ref CapturedDatagram datagram, out CaptureSkipReason reason)
    {
        var capturedLength = body.Length < ObsoleteFixedBody ? uint.MaxValue : ReadUInt32(body[12..]);
        if (capturedLength > (uint)(body.Length - ObsoleteFixedBody))
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var ticks = ((ulong)ReadUInt32(body[4..]) << 32) | ReadUInt32(body[8..]);
        return DecodeInterfacePacket(ReadUInt16(body), ticks, body.Slice(ObsoleteFixedBody, (int)capturedLength), ref datagram, out reason);
    }

    /// <summary>
    /// SPB: Original Packet Length(4) then data, implicitly from interface 0 and without a timestamp. The captured
    /// length is the smallest of the original length, the octets in the block and interface 0's snap length.
    /// </summary>
    private CaptureStatus ReadSimplePacket(ReadOnlySpan<byte> body, ref CapturedDatagram datagram, out CaptureSkipReason reason)
    {
        if (body.Length < SimpleFixedBody)
        {
            reason = CaptureSkipReason.InvalidRecordLength;
            return CaptureStatus.InvalidData;
        }

        var capturedLength = Math.Min(ReadUInt32(body), (uint)(body.Length - SimpleFixedBody));
        if (_interfaceCount > 0 && _interfaces[0].SnapLength != 0)
        {
            capturedLength = Math.Min(capturedLength, _interfaces[0].SnapLength);
        }

        var status = DecodeInterfacePacket(0, ticks: 0, body.Slice(SimpleFixedBody, (int)capturedLength), ref datagram, out reason);
        datagram.TimestampUnixNanoseconds = 0;
        return status;
    }

    private CaptureStatus DecodeInterfacePacket(int interfaceId, ulong ticks, ReadOnlySpan<byte> frame, ref CapturedDatagram datagram, out CaptureSkipReason reason)
    {
        if ((uint)interfaceId >= (uint)Math.Min(_interfaceCount, MaxInterfaces))
        {
            datagram = default;
            datagram.FrameNumber = ++_frameNumber;
            reason = CaptureSkipReason.UnknownInterface;
            return CaptureStatus.Skipped;
        }

        var info = _interfaces[interfaceId];
        datagram.InterfaceId = interfaceId;
        datagram.TimestampUnixNanoseconds = ToUnixNanoseconds(ticks, info);
        var status = DecodePacket(info.LinkType, frame, ref datagram, out reason);
        datagram.InterfaceId = interfaceId;
        return status;
    }

    /// <summary>
    /// if_tsresol: the low 7 bits are an exponent of 10 (top bit clear) or of 2 (top bit set); units per second
    /// are 10^e or 2^e. if_tsoffset adds whole seconds. Arithmetic is unchecked: absurd values give absurd times, never exceptions.
    /// </summary>
    private static long ToUnixNanoseconds(ulong ticks, in InterfaceInfo info)
    {
        long nanoseconds;
        if (info.ResolutionIsPowerOfTwo)
        {
            nanoseconds = (long)(ulong)(((UInt128)ticks * NanosecondsPerSecond) >> info.ResolutionExponent);
        }
        else if (info.ResolutionExponent <= 9)
        {
            nanoseconds = (long)(ticks * Pow10(9 - info.ResolutionExponent));
        }
        else
        {
            nanoseconds = info.ResolutionExponent - 9 > 19 ? 0 : (long)(ticks / Pow10(info.ResolutionExponent - 9));
        }

        return nanoseconds + (info.OffsetSeconds * NanosecondsPerSecond);
    }

    private static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> octets, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(octets) : BinaryPrimitives.ReadUInt32LittleEndian(octets);
}
