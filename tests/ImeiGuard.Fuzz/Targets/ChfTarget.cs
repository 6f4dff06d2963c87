using System.Buffers;
using ImeiGuard.Protocols.Chf;
using static ImeiGuard.Fuzz.FuzzFailure;

namespace ImeiGuard.Fuzz.Targets;

/// <summary>
/// The CHF ChargingDataRequest reader over one body, read whole and read in three segments (as the TCP listener's
/// PipeReader delivers it): both must give the same verdict and the same record. Also the Nchf path classifier.
/// </summary>
internal static class ChfTarget
{
    private static readonly ChfReaderOptions Shallow = new() { MaxDepth = 4, MaxBodyBytes = 4096 };

    public static void Run(byte[] body)
    {
        var whole = ChfRecordReader.TryRead(body, out var record);
        var split = ChfRecordReader.TryRead(ThreeSegments(body), out var splitRecord);
        Check(split == whole, $"segmented read gave {split}, whole read {whole}");
        Check(ChfSummary.Of(splitRecord) == ChfSummary.Of(record), "segmented read decoded other values");

        _ = ChfRecordReader.TryRead(body, Shallow, out _);
        _ = ChfPaths.TryClassify(body, out _, out _);
    }

    /// <summary>The body cut at a third and two thirds, each piece in its own array.</summary>
    private static ReadOnlySequence<byte> ThreeSegments(byte[] body)
    {
        var first = body.Length / 3;
        var second = 2 * body.Length / 3;
        var a = new Segment(body[..first], 0);
        var b = a.Append(body[first..second]);
        var c = b.Append(body[second..]);
        return new ReadOnlySequence<byte>(a, 0, c, c.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
