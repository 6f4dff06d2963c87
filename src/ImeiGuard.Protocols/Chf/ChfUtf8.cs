using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// UTF-8 validation of a body (RFC 8259 §8.1 requires UTF-8). <see cref="System.Text.Json.Utf8JsonReader"/> checks
/// JSON structure but not the bytes inside strings, so the reader validates the whole body first.
/// </summary>
internal static class ChfUtf8
{
    /// <summary>True when every segment together forms well-formed UTF-8, also where a character straddles segments.</summary>
    public static bool IsValid(in ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return Utf8.IsValid(body.FirstSpan);
        }

        // Up to 3 bytes of a character cut by a segment end, completed from the next segment(s).
        Span<byte> pending = stackalloc byte[4];
        var pendingLength = 0;
        foreach (var memory in body)
        {
            var span = memory.Span;
            while (pendingLength > 0 && !span.IsEmpty)
            {
                pending[pendingLength++] = span[0];
                span = span[1..];
                var status = Rune.DecodeFromUtf8(pending[..pendingLength], out _, out _);
                if (status == OperationStatus.Done)
                {
                    pendingLength = 0;
                }
                else if (status != OperationStatus.NeedMoreData)
                {
                    return false;
                }
            }

            var cut = IncompleteTail(span);
            if (!Utf8.IsValid(span[..^cut]))
            {
                return false;
            }

            span[^cut..].CopyTo(pending);
            pendingLength += cut;
        }

        return pendingLength == 0;
    }

    /// <summary>
    /// How many bytes at the end of <paramref name="span"/> start a multi-byte character that the span does not finish
    /// (0..3). Only the lead byte is looked at; whether the sequence is valid is left to the decoder.
    /// </summary>
    private static int IncompleteTail(ReadOnlySpan<byte> span)
    {
        for (var back = 1; back <= 3 && back <= span.Length; back++)
        {
            var b = span[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }
}
