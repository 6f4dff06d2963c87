using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>Writes a classic pcap file in either byte order, with micro- or nanosecond timestamps.</summary>
internal sealed class PcapFileBuilder
{
    private readonly List<byte> _bytes = [];
    private readonly bool _bigEndian;

    public PcapFileBuilder(ushort linkType, bool bigEndian = false, bool nanoseconds = false, uint snapLength = 65535)
    {
        _bigEndian = bigEndian;
        U32(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(snapLength);
        U32(linkType);
    }

    public PcapFileBuilder Add(byte[] frame, uint seconds = 1_700_000_000, uint fraction = 0, int? capturedLength = null)
    {
        var captured = capturedLength ?? frame.Length;
        U32(seconds);
        U32(fraction);
        U32((uint)captured);
        U32((uint)frame.Length);
        _bytes.AddRange(frame.AsSpan(0, captured));
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(b, v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b, v); }
        _bytes.AddRange(b);
    }

    private void U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian) { BinaryPrimitives.WriteUInt32BigEndian(b, v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b, v); }
        _bytes.AddRange(b);
    }
}
