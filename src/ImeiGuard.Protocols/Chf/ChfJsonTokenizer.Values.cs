using System.Buffers.Text;
using System.Text.Json;

namespace ImeiGuard.Protocols.Chf;

/// <summary>Conversions of the current token, with the results <see cref="Utf8JsonReader"/> gives for the same token.</summary>
internal ref partial struct ChfJsonTokenizer
{
    /// <summary>
    /// As <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>. Why the split: member names in real bodies
    /// are never escaped, so they are compared in place; an escaped one is compared by the BCL reader, unescaped.
    /// </summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> text)
    {
        if (!ValueIsEscaped)
        {
            return ValueSpan.SequenceEqual(text);
        }

        var token = TokenReader();
        return token.ValueTextEquals(text);
    }

    /// <summary>As <see cref="Utf8JsonReader.CopyString(Span{byte})"/>: unescapes into <paramref name="destination"/>; throws <see cref="InvalidOperationException"/> for a lone surrogate.</summary>
    public readonly int CopyString(Span<byte> destination)
    {
        var token = TokenReader();
        return token.CopyString(destination);
    }

    /// <summary>As <see cref="Utf8JsonReader.TryGetDateTimeOffset"/> (its ISO 8601 profile), on the current string.</summary>
    public readonly bool TryGetDateTimeOffset(out DateTimeOffset value)
    {
        var token = TokenReader();
        return token.TryGetDateTimeOffset(out value);
    }

    /// <summary>As <see cref="Utf8JsonReader.TryGetUInt32"/>: the whole number must parse, so a fraction or exponent fails.</summary>
    public readonly bool TryGetUInt32(out uint value) =>
        Utf8Parser.TryParse(ValueSpan, out value, out var consumed) && consumed == _valueLength;

    /// <summary>As <see cref="Utf8JsonReader.TryGetInt64"/>.</summary>
    public readonly bool TryGetInt64(out long value) =>
        Utf8Parser.TryParse(ValueSpan, out value, out var consumed) && consumed == _valueLength;

    /// <summary>As <see cref="Utf8JsonReader.TryGetDouble"/>; only reached for numbers that are not 32/64-bit integers.</summary>
    public readonly bool TryGetDouble(out double value)
    {
        var token = TokenReader();
        return token.TryGetDouble(out value);
    }

    /// <summary>
    /// A BCL reader positioned on the current token alone: the string with its quotes, or the number. Used only off the
    /// hot path, for conversions whose exact rules (escapes, ISO 8601, floating point) live in that reader.
    /// </summary>
    private readonly Utf8JsonReader TokenReader()
    {
        var raw = TokenType == JsonTokenType.Number
            ? ValueSpan
            : _buffer.Slice(_valueStart - 1, _valueLength + 2);
        var token = new Utf8JsonReader(raw, isFinalBlock: true, state: default);
        token.Read();
        return token;
    }
}
