using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>Writes pcapng blocks in either byte order.</summary>
internal sealed class PcapNgFileBuilder
{
    private readonly List<byte> _bytes = [];
    private bool _bigEndian;

    public PcapNgFileBuilder(bool bigEndian = false) => Section(bigEndian);

    /// <summary>Byte offsets at which each block starts (for prefix tests).</summary>
    public List<int> BlockStarts { get; } = [];

    public PcapNgFileBuilder Section(bool bigEndian)
    {
        _bigEndian = bigEndian;
        return Block(0x0A0D0D0A, [.. U32(0x1A2B3C4D), .. U16(1), .. U16(0), .. U64(ulong.MaxValue)]);
    }

    public PcapNgFileBuilder Interface(ushort linkType, uint snapLength = 0, byte? tsResolution = null, long? tsOffset = null)
    {
        List<byte> body = [.. U16(linkType), .. U16(0), .. U32(snapLength)];
        if (tsResolution is { } r)
        {
            body.AddRange([.. U16(9), .. U16(1), r, 0, 0, 0]);
        }

        if (tsOffset is { } o)
        {
            body.AddRange([.. U16(14), .. U16(8), .. U64((ulong)o)]);
        }

        body.AddRange([.. U16(0), .. U16(0)]);
        return Block(1, [.. body]);
    }

    public PcapNgFileBuilder Enhanced(uint interfaceId, ulong timestamp, byte[] frame, bool withOption = false)
    {
        List<byte> body = [.. U32(interfaceId), .. U32((uint)(timestamp >> 32)), .. U32((uint)timestamp), .. U32((uint)frame.Length), .. U32((uint)frame.Length), .. Padded(frame)];
        if (withOption)
        {
            body.AddRange([.. U16(1), .. U16(3), (byte)'a', (byte)'b', (byte)'c', 0, .. U16(0), .. U16(0)]);
        }

        return Block(6, [.. body]);
    }

    public PcapNgFileBuilder Simple(byte[] frame) => Block(3, [.. U32((uint)frame.Length), .. Padded(frame)]);

    public PcapNgFileBuilder Obsolete(ushort interfaceId, ulong timestamp, byte[] frame) =>
        Block(2, [.. U16(interfaceId), .. U16(0), .. U32((uint)(timestamp >> 32)), .. U32((uint)timestamp), .. U32((uint)frame.Length), .. U32((uint)frame.Length), .. Padded(frame)]);

    public PcapNgFileBuilder Block(uint type, byte[] body)
    {
        BlockStarts.Add(_bytes.Count);
        var length = (uint)(12 + body.Length);
        _bytes.AddRange([.. U32(type), .. U32(length), .. body, .. U32(length)]);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private static byte[] Padded(byte[] data) => [.. data, .. new byte[(4 - (data.Length % 4)) % 4]];

    private byte[] U16(ushort v)
    {
        var b = new byte[2];
        if (_bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(b, v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b, v); }
        return b;
    }

    private byte[] U32(uint v)
    {
        var b = new byte[4];
        if (_bigEndian) { BinaryPrimitives.WriteUInt32BigEndian(b, v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b, v); }
        return b;
    }

    private byte[] U64(ulong v)
    {
        var b = new byte[8];
        if (_bigEndian) { BinaryPrimitives.WriteUInt64BigEndian(b, v); } else { BinaryPrimitives.WriteUInt64LittleEndian(b, v); }
        return b;
    }
}
