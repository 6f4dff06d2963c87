using System.Text.Json;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// A strict RFC 8259 tokenizer over one contiguous body, shaped like the part of <see cref="Utf8JsonReader"/> that
/// <see cref="ChfDocumentParser"/> uses (<c>isFinalBlock: false</c>, no comments, no trailing commas).
/// </summary>
/// <remarks>
/// Why not <see cref="Utf8JsonReader"/> itself: profiling the CHF benchmark showed three quarters of the read in its
/// tokenizer, most of it stepping byte by byte over the indentation of pretty-printed bodies (about 40% of their
/// bytes) while counting lines and columns for exception messages nobody reads here. This tokenizer skips whitespace
/// and string contents 16 bytes at a time (<see cref="ChfJsonScan"/>) and keeps no line or column.
/// It accepts exactly what that reader accepts; where it would need more data or throw, <see cref="Read"/> returns
/// false, which the parser reports as <see cref="ChfParseError.JsonSyntaxError"/> either way. Rarely used value
/// conversions (unescaping, dates, fractions) are delegated to a <see cref="Utf8JsonReader"/> over the one token,
/// so they keep its exact semantics (<c>ChfJsonTokenizer.Values.cs</c>).
/// </remarks>
internal ref partial struct ChfJsonTokenizer
{
    /// <summary>Deepest nesting the container stack holds; the parser's own limit (at most 256) stops well before.</summary>
    public const int MaxDepth = StackWords * 64;

    /// <summary>Size in 64-bit words of the scratch that <see cref="ChfJsonTokenizer(ReadOnlySpan{byte}, Span{ulong})"/> takes.</summary>
    public const int StackWords = 5;

    private readonly ReadOnlySpan<byte> _buffer;

    /// <summary>One bit per open container, set for an object and clear for an array.</summary>
    private readonly Span<ulong> _containers;
    private int _position;
    private int _depth;
    private int _valueStart;
    private int _valueLength;

    /// <param name="buffer">The whole body.</param>
    /// <param name="containers">Scratch of <see cref="StackWords"/> words for the container stack.</param>
    public ChfJsonTokenizer(ReadOnlySpan<byte> buffer, Span<ulong> containers)
    {
        _buffer = buffer;
        _containers = containers;
    }

    /// <summary>The token read last; <see cref="JsonTokenType.None"/> before the first.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>True when the current string or property name contains a backslash escape.</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>As <see cref="Utf8JsonReader.CurrentDepth"/>: a start token reports the depth of its owner, the body object being at 0.</summary>
    public readonly int CurrentDepth => TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? _depth - 1 : _depth;

    /// <summary>The raw bytes of the current string (without quotes), property name or number.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _buffer.Slice(_valueStart, _valueLength);

    /// <summary>True when nothing but whitespace is left; after <see cref="Read"/> returned false it tells a clean end from garbage.</summary>
    public readonly bool IsAtEnd => SkipWhiteSpace(_position) == _buffer.Length;

    private readonly bool InObject => (_containers[(_depth - 1) >> 6] & (1UL << (_depth - 1))) != 0;

    /// <summary>
    /// Reads the next token. False when the body ends (cleanly or inside a value) or breaks RFC 8259: a property name
    /// without its colon, a missing or extra comma, a mismatched bracket, a bad number, literal or escape, a control
    /// character in a string, or anything after the root value.
    /// </summary>
    public bool Read()
    {
        var position = SkipWhiteSpace(_position);
        if (position >= _buffer.Length)
        {
            return false;
        }

        var first = _buffer[position];
        switch (TokenType)
        {
            case JsonTokenType.None:
            case JsonTokenType.PropertyName:
                return ReadValue(first, position);
            case JsonTokenType.StartObject:
                return first == (byte)'}' ? EndContainer(position, JsonTokenType.EndObject) : first == (byte)'"' && ReadPropertyName(position);
            case JsonTokenType.StartArray:
                return first == (byte)']' ? EndContainer(position, JsonTokenType.EndArray) : ReadValue(first, position);
        }

        // After a complete value: only a comma or the close of the enclosing container may follow (nothing after the root).
        if (_depth == 0)
        {
            return false;
        }

        var inObject = InObject;
        if (first == (byte)',')
        {
            position = SkipWhiteSpace(position + 1);
            if (position >= _buffer.Length)
            {
                return false;
            }

            first = _buffer[position];
            return inObject ? first == (byte)'"' && ReadPropertyName(position) : ReadValue(first, position);
        }

        return inObject
            ? first == (byte)'}' && EndContainer(position, JsonTokenType.EndObject)
            : first == (byte)']' && EndContainer(position, JsonTokenType.EndArray);
    }

    /// <summary>
    /// Why the first-byte test: in pretty-printed bodies most tokens are followed by a comma or a colon, not by
    /// whitespace, and in compact ones almost all are; one compare saves the vector scan for them.
    /// </summary>
    private readonly int SkipWhiteSpace(int position)
    {
        if ((uint)position >= (uint)_buffer.Length || _buffer[position] > (byte)' ')
        {
            return position;
        }

        return ChfJsonScan.SkipWhiteSpace(_buffer, position);
    }

    private bool ReadValue(byte first, int position)
    {
        switch (first)
        {
            case (byte)'"':
                TokenType = JsonTokenType.String;
                return ReadString(position);
            case (byte)'{':
                return StartContainer(position, JsonTokenType.StartObject);
            case (byte)'[':
                return StartContainer(position, JsonTokenType.StartArray);
            case (byte)'t':
                return ReadLiteral(position, "true"u8, JsonTokenType.True);
            case (byte)'f':
                return ReadLiteral(position, "false"u8, JsonTokenType.False);
            case (byte)'n':
                return ReadLiteral(position, "null"u8, JsonTokenType.Null);
            default:
                return ReadNumber(position);
        }
    }

    /// <summary>A property name: the string, then optional whitespace and the colon, which is consumed with it.</summary>
    private bool ReadPropertyName(int position)
    {
        TokenType = JsonTokenType.PropertyName;
        if (!ReadString(position))
        {
            return false;
        }

        var colon = SkipWhiteSpace(_position);
        if ((uint)colon >= (uint)_buffer.Length || _buffer[colon] != (byte)':')
        {
            return false;
        }

        _position = colon + 1;
        return true;
    }

    /// <summary>RFC 8259 §7 string at the opening quote: escapes are checked for form only; what they decode to is checked on use.</summary>
    private bool ReadString(int position)
    {
        var escaped = false;
        var i = position + 1;
        while (true)
        {
            i = ChfJsonScan.FindStringStop(_buffer, i);
            if (i >= _buffer.Length)
            {
                return false;
            }

            var stop = _buffer[i];
            if (stop == (byte)'"')
            {
                break;
            }

            if (stop != (byte)'\\' || !SkipEscape(ref i))
            {
                return false;
            }

            escaped = true;
        }

        _valueStart = position + 1;
        _valueLength = i - _valueStart;
        ValueIsEscaped = escaped;
        _position = i + 1;
        return true;
    }

    /// <summary>At a backslash: steps over \" \\ \/ \b \f \n \r \t or \u and four hex digits.</summary>
    private readonly bool SkipEscape(ref int i)
    {
        if ((uint)(i + 1) >= (uint)_buffer.Length)
        {
            return false;
        }

        switch (_buffer[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                i += 2;
                return true;
            case (byte)'u':
                if (i + 6 > _buffer.Length)
                {
                    return false;
                }

                foreach (var b in _buffer.Slice(i + 2, 4))
                {
                    if (ChfText.HexValue(b) < 0)
                    {
                        return false;
                    }
                }

                i += 6;
                return true;
            default:
                return false;
        }
    }

    private bool ReadLiteral(int position, ReadOnlySpan<byte> literal, JsonTokenType type)
    {
        if (!_buffer[position..].StartsWith(literal))
        {
            return false;
        }

        TokenType = type;
        _position = position + literal.Length;
        return true;
    }

    /// <summary>
    /// RFC 8259 §6 number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, which must be followed by whitespace,
    /// a comma, a closing bracket or (as <see cref="Utf8JsonReader"/> allows, the comment then failing) a slash.
    /// A number running to the end of the body is incomplete (more digits could follow), as it is for
    /// <see cref="Utf8JsonReader"/> with <c>isFinalBlock: false</c>.
    /// </summary>
    private bool ReadNumber(int position)
    {
        var i = position;
        if (_buffer[i] == (byte)'-')
        {
            i++;
        }

        if ((uint)i >= (uint)_buffer.Length)
        {
            return false;
        }

        if (_buffer[i] == (byte)'0')
        {
            i++;
        }
        else if (!SkipDigits(ref i))
        {
            return false;
        }

        if ((uint)i < (uint)_buffer.Length && _buffer[i] == (byte)'.')
        {
            i++;
            if (!SkipDigits(ref i))
            {
                return false;
            }
        }

        if ((uint)i < (uint)_buffer.Length && (_buffer[i] | 0x20) == (byte)'e')
        {
            i++;
            if ((uint)i < (uint)_buffer.Length && _buffer[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!SkipDigits(ref i))
            {
                return false;
            }
        }

        if ((uint)i >= (uint)_buffer.Length || _buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'}' or (byte)']' or (byte)'/'))
        {
            return false;
        }

        TokenType = JsonTokenType.Number;
        ValueIsEscaped = false;
        _valueStart = position;
        _valueLength = i - position;
        _position = i;
        return true;
    }

    /// <summary>Steps over one or more decimal digits; false when there is none.</summary>
    private readonly bool SkipDigits(ref int i)
    {
        var start = i;
        while ((uint)i < (uint)_buffer.Length && (uint)(_buffer[i] - '0') <= 9)
        {
            i++;
        }

        return i > start;
    }

    private bool StartContainer(int position, JsonTokenType type)
    {
        if (_depth >= MaxDepth)
        {
            return false;
        }

        var word = _depth >> 6;
        var bit = 1UL << _depth;
        _containers[word] = type == JsonTokenType.StartObject ? _containers[word] | bit : _containers[word] & ~bit;
        _depth++;
        TokenType = type;
        _position = position + 1;
        return true;
    }

    private bool EndContainer(int position, JsonTokenType type)
    {
        _depth--;
        TokenType = type;
        _position = position + 1;
        return true;
    }
}
