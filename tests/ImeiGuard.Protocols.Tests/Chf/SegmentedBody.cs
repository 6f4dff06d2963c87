using System.Buffers;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a body read from a stream arrives.</summary>
internal static class SegmentedBody
{
    /// <summary>Splits <paramref name="data"/> at the given offsets (ascending), copying each piece into its own array.</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> data, params int[] offsets)
    {
        Segment? first = null, last = null;
        var start = 0;
        foreach (var end in offsets.Append(data.Length))
        {
            var piece = new Segment(data[start..end].ToArray());
            if (first is null)
            {
                first = last = piece;
            }
            else
            {
                last = last!.Append(piece);
            }

            start = end;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
