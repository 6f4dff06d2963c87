using System.Text.Json;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// One forward pass of <see cref="ChfJsonTokenizer"/> over a ChargingDataRequest body, descending only into the
/// members ImeiGuard uses and skipping everything else token by token. This file holds the token plumbing;
/// the members are in the <c>.Request</c>, <c>.Session</c> and <c>.Location</c> partials.
/// </summary>
/// <remarks>
/// The tokenizer returns false, never throws, both for a body that ends early (truncation, the most common defect
/// of mirrored traffic) and for one that breaks the grammar; either is <see cref="ChfParseError.JsonSyntaxError"/>.
/// Depth is checked here on every start token, long before the tokenizer's own limit, so that
/// <see cref="ChfParseError.NestingTooDeep"/> is told apart from syntax errors.
/// </remarks>
internal ref partial struct ChfDocumentParser
{
    private readonly Span<byte> _scratch;
    private readonly int _maxDepth;
    private ChfJsonTokenizer _json;
    private ChfParseError _fatal;
    private ChfParseError _deferred;

    /// <summary>The values read so far; complete when <see cref="Parse"/> returned <see cref="ChfParseError.None"/>.</summary>
    public ChargingDataRecord Record;

    /// <param name="json">A tokenizer over the whole body, before its first token.</param>
    /// <param name="scratch">Room to unescape one string; strings longer than this are <see cref="ChfParseError.StringTooLong"/>.</param>
    /// <param name="maxDepth">Deepest nesting accepted, the body object being depth 1.</param>
    public ChfDocumentParser(ChfJsonTokenizer json, Span<byte> scratch, int maxDepth)
    {
        _json = json;
        _scratch = scratch;
        _maxDepth = maxDepth;
    }

    /// <summary>
    /// Reads the whole body. <paramref name="rootIncomplete"/> is true when not even the first token could be read,
    /// which the caller resolves with a final-block reader (a bare number is complete only at the end of input).
    /// </summary>
    public ChfParseError Parse(out bool rootIncomplete)
    {
        rootIncomplete = false;
        if (!_json.Read())
        {
            rootIncomplete = true;
            return ChfParseError.JsonSyntaxError;
        }

        if (_json.TokenType == JsonTokenType.StartObject)
        {
            if (!ReadRequest())
            {
                return _fatal;
            }
        }
        else
        {
            Flag(ChfParseError.NotAnObject);
            if (!SkipValue())
            {
                return _fatal;
            }
        }

        // Only whitespace may follow the body (one JSON text, RFC 8259 §2).
        if (_json.Read() || !_json.IsAtEnd)
        {
            return ChfParseError.JsonSyntaxError;
        }

        return _deferred;
    }

    /// <summary>Records a member-scope error; the first one in document order is the one reported.</summary>
    private void Flag(ChfParseError error)
    {
        if (_deferred == ChfParseError.None)
        {
            _deferred = error;
        }
    }

    /// <summary>Advances one token. False (with the error kept) when the body ends early or nests too deep.</summary>
    private bool Read()
    {
        if (!_json.Read())
        {
            _fatal = ChfParseError.JsonSyntaxError;
            return false;
        }

        // A start token at CurrentDepth d opens level d + 1 (the body object is level 1).
        if (_json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && _json.CurrentDepth >= _maxDepth)
        {
            _fatal = ChfParseError.NestingTooDeep;
            return false;
        }

        return true;
    }

    /// <summary>Skips the current value; for an object or array, up to and including its end token.</summary>
    private bool SkipValue()
    {
        if (_json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        // Every token inside the container is deeper than its start; the first one back at that depth is its end.
        var depth = _json.CurrentDepth;
        do
        {
            if (!Read())
            {
                return false;
            }
        }
        while (_json.CurrentDepth > depth);

        return true;
    }

    /// <summary>
    /// False once a body-scope error stopped the pass. Member readers return it after a value of the wrong type
    /// was skipped: true to go on with the next member, false to unwind.
    /// </summary>
    private readonly bool CanContinue => _fatal == ChfParseError.None;

    /// <summary>On a value that must be an object: if it is not, flags a type mismatch and skips it.</summary>
    private bool BeginObject(out bool isObject)
    {
        isObject = _json.TokenType == JsonTokenType.StartObject;
        if (isObject)
        {
            return true;
        }

        Flag(ChfParseError.SchemaTypeMismatch);
        return SkipValue();
    }

    /// <summary>On a value that must be an array: if it is not, flags a type mismatch and skips it.</summary>
    private bool BeginArray(out bool isArray)
    {
        isArray = _json.TokenType == JsonTokenType.StartArray;
        if (isArray)
        {
            return true;
        }

        Flag(ChfParseError.SchemaTypeMismatch);
        return SkipValue();
    }

    /// <summary>Moves to the next property name of the current object, or to its end (<paramref name="end"/>).</summary>
    private bool NextMember(out bool end)
    {
        end = true;
        if (!Read())
        {
            return false;
        }

        end = _json.TokenType == JsonTokenType.EndObject;
        return true;
    }

    /// <summary>Moves to the next element of the current array, or to its end (<paramref name="end"/>).</summary>
    private bool NextElement(out bool end)
    {
        end = true;
        if (!Read())
        {
            return false;
        }

        end = _json.TokenType == JsonTokenType.EndArray;
        return true;
    }

    /// <summary>
    /// After a property name matched as <paramref name="member"/> (-1 for one we do not use): reads its value and
    /// says whether to decode it. Unknown members are skipped. A member seen before in this object is flagged as
    /// <see cref="ChfParseError.DuplicateKey"/> and skipped, because parsers disagree which occurrence wins.
    /// </summary>
    private bool TakeMember(int member, ref uint seen, out bool take)
    {
        take = false;
        if (!Read())
        {
            return false;
        }

        if (member >= 0)
        {
            var bit = 1u << member;
            if ((seen & bit) == 0)
            {
                seen |= bit;
                take = true;
                return true;
            }

            Flag(ChfParseError.DuplicateKey);
        }

        return SkipValue();
    }

    /// <summary>At the end of an object: flags a missing required member.</summary>
    private void Require(uint seen, uint required)
    {
        if ((seen & required) != required)
        {
            Flag(ChfParseError.SchemaRequiredMissing);
        }
    }

    /// <summary>
    /// The current string value, unescaped. <paramref name="has"/> is false when the value is not a string
    /// (flagged, skipped), longer than the scratch space, or an escape decodes to a lone surrogate.
    /// </summary>
    private bool ReadString(out ReadOnlySpan<byte> text, out bool has)
    {
        text = default;
        has = false;
        if (_json.TokenType != JsonTokenType.String)
        {
            Flag(ChfParseError.SchemaTypeMismatch);
            return SkipValue();
        }

        var rawLength = _json.ValueSpan.Length;
        if (rawLength > _scratch.Length)
        {
            Flag(ChfParseError.StringTooLong);
            return true;
        }

        // Fast path: an unescaped value is used in place.
        if (!_json.ValueIsEscaped)
        {
            text = _json.ValueSpan;
            has = true;
            return true;
        }

        try
        {
            // Unescaping never lengthens a string, so the raw length bounds the result.
            text = _scratch[.._json.CopyString(_scratch)];
            has = true;
        }
        catch (InvalidOperationException)
        {
            Flag(ChfParseError.InvalidUtf8);
        }

        return true;
    }

    /// <summary>
    /// The current Uint32 value (TS 29.571 §5.2). A number outside 0..2^32-1 is <see cref="ChfParseError.ValueOutOfRange"/>,
    /// a number with a fraction a type mismatch (the schema type is integer), anything else a type mismatch.
    /// </summary>
    private bool ReadUInt32(out uint value, out bool has)
    {
        value = 0;
        has = false;
        if (_json.TokenType != JsonTokenType.Number)
        {
            Flag(ChfParseError.SchemaTypeMismatch);
            return SkipValue();
        }

        if (_json.TryGetUInt32(out value))
        {
            has = true;
            return true;
        }

        var isInteger = !_json.TryGetDouble(out var d) || double.IsInteger(d);
        Flag(isInteger ? ChfParseError.ValueOutOfRange : ChfParseError.SchemaTypeMismatch);
        return true;
    }

    /// <summary>Checks a member whose presence is all we need and whose schema type is integer (any range).</summary>
    private bool SkipInteger()
    {
        if (_json.TokenType != JsonTokenType.Number)
        {
            Flag(ChfParseError.SchemaTypeMismatch);
            return SkipValue();
        }

        if (!_json.TryGetInt64(out _) && (!_json.TryGetDouble(out var d) || !double.IsInteger(d)))
        {
            Flag(ChfParseError.SchemaTypeMismatch);
        }

        return true;
    }

    /// <summary>Checks a member whose presence is all we need and whose schema type is string.</summary>
    private bool SkipString()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return true;
        }

        Flag(ChfParseError.SchemaTypeMismatch);
        return SkipValue();
    }
}
