using System.Numerics;
using System.Runtime.Intrinsics;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// The two byte scans that dominate tokenizing a ChargingDataRequest: runs of indentation and runs of string content.
/// </summary>
/// <remarks>
/// Why hand-written 16-byte steps rather than <c>IndexOfAnyExcept</c>/<c>IndexOfAny</c> with <c>SearchValues</c>: both
/// runs are short (an indentation of 4..24 bytes, a member name or value of 2..40), and a profile of the benchmark put
/// a third of the tokenizer's time in those calls' set-up. One compare-and-mask per 16 bytes handles every run up to
/// 16 bytes in one step. The last 15 bytes of a body, and machines without 128-bit vectors, take the scalar loop.
/// </remarks>
internal static class ChfJsonScan
{
    /// <summary>The first position at or after <paramref name="position"/> that is not RFC 8259 whitespace (space, tab, CR, LF).</summary>
    public static int SkipWhiteSpace(ReadOnlySpan<byte> buffer, int position)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            while (position <= buffer.Length - Vector128<byte>.Count)
            {
                var bytes = Vector128.Create(buffer.Slice(position, Vector128<byte>.Count));
                var white = Vector128.Equals(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\n')) |
                    Vector128.Equals(bytes, Vector128.Create((byte)'\r')) | Vector128.Equals(bytes, Vector128.Create((byte)'\t'));
                var other = ~white.ExtractMostSignificantBits() & 0xFFFF;
                if (other != 0)
                {
                    return position + BitOperations.TrailingZeroCount(other);
                }

                position += Vector128<byte>.Count;
            }
        }

        while ((uint)position < (uint)buffer.Length && buffer[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// The first position at or after <paramref name="position"/> holding a quote, a backslash or a control character
    /// (below 0x20, not allowed raw in a string by RFC 8259 §7); <c>buffer.Length</c> when there is none.
    /// </summary>
    public static int FindStringStop(ReadOnlySpan<byte> buffer, int position)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            while (position <= buffer.Length - Vector128<byte>.Count)
            {
                var bytes = Vector128.Create(buffer.Slice(position, Vector128<byte>.Count));
                var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"')) | Vector128.Equals(bytes, Vector128.Create((byte)'\\')) |
                    Vector128.LessThan(bytes, Vector128.Create((byte)' '));
                var mask = stops.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return position + BitOperations.TrailingZeroCount(mask);
                }

                position += Vector128<byte>.Count;
            }
        }

        while ((uint)position < (uint)buffer.Length && buffer[position] is not ((byte)'"' or (byte)'\\' or < (byte)' '))
        {
            position++;
        }

        return position;
    }
}
