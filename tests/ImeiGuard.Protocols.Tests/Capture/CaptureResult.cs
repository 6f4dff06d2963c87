using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>Everything a <see cref="CaptureReader"/> produced from one file, copied out of the ref struct.</summary>
internal sealed record CaptureResult(
    List<CaptureResult.Datagram> Datagrams,
    CaptureCounters Counters,
    CaptureFormat Format,
    bool IsComplete,
    bool IsTruncated,
    CaptureSkipReason Error)
{
    public static CaptureResult Read(byte[] file)
    {
        var list = new List<Datagram>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            list.Add(Datagram.From(d));
        }

        return new CaptureResult(list, reader.Counters, reader.Format, reader.IsComplete, reader.IsTruncated, reader.Error);
    }

    /// <summary>A datagram as plain values.</summary>
    internal sealed record Datagram(
        long Frame,
        long TimestampNanoseconds,
        int InterfaceId,
        ushort LinkType,
        string Source,
        ushort SourcePort,
        string Destination,
        ushort DestinationPort,
        string PayloadHex)
    {
        public static Datagram From(in CapturedDatagram d) => new(
            d.FrameNumber,
            d.TimestampUnixNanoseconds,
            d.InterfaceId,
            d.LinkType,
            d.Source.ToString(),
            d.SourcePort,
            d.Destination.ToString(),
            d.DestinationPort,
            Convert.ToHexStringLower(d.Payload));
    }
}
