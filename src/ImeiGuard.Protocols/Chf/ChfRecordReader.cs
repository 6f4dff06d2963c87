using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Reads a Nchf_ConvergedCharging ChargingDataRequest body (TS 32.291 V17.9.0, API 3.1.6; common types from
/// TS 29.571 V17.10.0) into a <see cref="ChargingDataRecord"/>, with a span tokenizer of its own
/// (<see cref="ChfJsonTokenizer"/>, which says why it is not <see cref="Utf8JsonReader"/>), no reflection and no allocation. Bad input never throws: the result is a <see cref="ChfParseError"/>.
/// </summary>
/// <remarks>
/// Checks, in order: body size, UTF-8, then one pass that validates JSON syntax and nesting depth to the end of
/// the body while decoding the members listed on <see cref="ChargingDataRecord"/>. Identities are validated here
/// because the schema patterns accept any string.
/// </remarks>
public static class ChfRecordReader
{
    /// <summary>
    /// Longest string (raw, before unescaping) accepted for a member the reader decodes. The longest valid one is an
    /// IPv6 address (39 characters); room is left for escaped characters. Unused members may be any length.
    /// </summary>
    public const int MaxStringBytes = 256;

    /// <summary>Reads a body held in one buffer, with the default limits and no request kind.</summary>
    public static ChfParseError TryRead(ReadOnlySpan<byte> json, out ChargingDataRecord record) =>
        TryRead(json, ChfRequestKind.Unknown, ChfReaderOptions.Default, out record);

    /// <summary>Reads a body held in one buffer. <see cref="ChargingDataRecord.Kind"/> is left <see cref="ChfRequestKind.Unknown"/>.</summary>
    public static ChfParseError TryRead(ReadOnlySpan<byte> json, in ChfReaderOptions options, out ChargingDataRecord record) =>
        TryRead(json, ChfRequestKind.Unknown, options, out record);

    /// <summary>
    /// Reads a body held in one buffer.
    /// </summary>
    /// <param name="json">The HTTP request body.</param>
    /// <param name="kind">The operation, from <see cref="ChfPaths.TryClassify"/>; copied into the record.</param>
    /// <param name="options">Size and depth limits.</param>
    /// <param name="record">The decoded request; <c>default</c> unless the result is <see cref="ChfParseError.None"/>.</param>
    public static ChfParseError TryRead(ReadOnlySpan<byte> json, ChfRequestKind kind, in ChfReaderOptions options, out ChargingDataRecord record)
    {
        record = default;
        if (json.Length > options.EffectiveMaxBodyBytes)
        {
            return ChfParseError.BodyTooLarge;
        }

        if (!Utf8.IsValid(json))
        {
            return ChfParseError.InvalidUtf8;
        }

        Span<ulong> containers = stackalloc ulong[ChfJsonTokenizer.StackWords];
        Span<byte> scratch = stackalloc byte[MaxStringBytes];
        var parser = new ChfDocumentParser(new ChfJsonTokenizer(json, containers), scratch, options.EffectiveMaxDepth);
        var error = parser.Parse(out var rootIncomplete);
        if (rootIncomplete)
        {
            return ClassifyIncompleteRoot(json);
        }

        if (error == ChfParseError.None)
        {
            record = parser.Record;
            record.Kind = kind;
        }

        return error;
    }

    /// <summary>Reads a body that arrived in segments (a stream), with the default limits and no request kind.</summary>
    public static ChfParseError TryRead(in ReadOnlySequence<byte> json, out ChargingDataRecord record) =>
        TryRead(json, ChfRequestKind.Unknown, ChfReaderOptions.Default, out record);

    /// <summary>Reads a body that arrived in segments. <see cref="ChargingDataRecord.Kind"/> is left <see cref="ChfRequestKind.Unknown"/>.</summary>
    public static ChfParseError TryRead(in ReadOnlySequence<byte> json, in ChfReaderOptions options, out ChargingDataRecord record) =>
        TryRead(json, ChfRequestKind.Unknown, options, out record);

    /// <summary>
    /// Reads a body that arrived in segments (a stream). Gives the same result as the span overload over the
    /// same bytes, however they are split.
    /// </summary>
    public static ChfParseError TryRead(in ReadOnlySequence<byte> json, ChfRequestKind kind, in ChfReaderOptions options, out ChargingDataRecord record)
    {
        if (json.IsSingleSegment)
        {
            return TryRead(json.FirstSpan, kind, options, out record);
        }

        record = default;
        if (json.Length > options.EffectiveMaxBodyBytes)
        {
            return ChfParseError.BodyTooLarge;
        }

        // The tokenizer works on one span; a body is at most MaxBodyBytes, so joining the segments is one bounded copy,
        // and it makes the segmented read give the span read's result by construction, however the body is split.
        var length = (int)json.Length;
        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.CopyTo(joined);
            return TryRead(joined.AsSpan(0, length), kind, options, out record);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>
    /// Cold path for a body whose first token could not be read with <c>isFinalBlock: false</c>: it is empty, only
    /// whitespace, truncated inside its first token, or a bare number (a number is complete only at the end of input).
    /// Read once more as the final block: a complete scalar is <see cref="ChfParseError.NotAnObject"/>, the rest syntax errors.
    /// </summary>
    private static ChfParseError ClassifyIncompleteRoot(ReadOnlySpan<byte> body)
    {
        var json = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            if (json.Read() && json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) && !json.Read())
            {
                return ChfParseError.NotAnObject;
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: fall through.
        }

        return ChfParseError.JsonSyntaxError;
    }
}
