namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Why a ChargingDataRequest body was rejected. <see cref="ChfParseErrors.ReasonCode(ChfParseError)"/> gives the
/// snake_case code used in logs, metrics and the corpus expectation file (<c>chf/expected.jsonl</c>).
/// </summary>
/// <remarks>
/// Precedence: the body-scope errors stop the reader at once. The member-scope errors are only reported
/// for a body that is well-formed JSON to its end, and then the first one in document order wins
/// (a missing required member counts at the end of the object that lacks it). So a truncated body is
/// always <see cref="JsonSyntaxError"/>, whatever it held before the cut.
/// </remarks>
public enum ChfParseError : byte
{
    None = 0,

    // Body scope: the reader stops at the first of these.

    /// <summary>The body is longer than <see cref="ChfReaderOptions.MaxBodyBytes"/>.</summary>
    BodyTooLarge,

    /// <summary>The body is not well-formed UTF-8 (RFC 8259 §8.1), or an escape decodes to a lone surrogate.</summary>
    InvalidUtf8,

    /// <summary>Not JSON: truncated, trailing data, comments, bad tokens.</summary>
    JsonSyntaxError,

    /// <summary>Objects or arrays nest deeper than <see cref="ChfReaderOptions.MaxDepth"/>.</summary>
    NestingTooDeep,

    // Member scope: well-formed JSON, but the request or a member ImeiGuard reads is wrong.

    /// <summary>The body is a JSON value other than an object.</summary>
    NotAnObject,

    /// <summary>A member that the reader uses appears twice in one object.</summary>
    DuplicateKey,

    /// <summary>A member has the wrong JSON type (string for integer, array for object, ...).</summary>
    SchemaTypeMismatch,

    /// <summary>A member the schema requires is absent.</summary>
    SchemaRequiredMissing,

    /// <summary>A string breaks its schema pattern (hex cell ids, TAC, MCC/MNC, IP addresses).</summary>
    SchemaPatternMismatch,

    /// <summary>A date-time or time zone string is not in its documented format.</summary>
    SchemaFormatMismatch,

    /// <summary>An integer outside its range (Uint32, PDU session ID 0..255, prefix length 0..128).</summary>
    ValueOutOfRange,

    /// <summary>A string member the reader uses is longer than any valid value (256 raw bytes, <c>ChfRecordReader.MaxStringBytes</c>).</summary>
    StringTooLong,

    /// <summary>subscriberIdentifier has none of the prefixes imsi-, nai-, gci-, gli-.</summary>
    SupiBadPrefix,

    /// <summary>subscriberIdentifier imsi- with fewer than 5 or more than 15 digits.</summary>
    SupiBadLength,

    /// <summary>subscriberIdentifier imsi- with a non-digit.</summary>
    SupiInvalidDigits,

    /// <summary>servedPEI has none of the prefixes imei-, imeisv-, mac-, eui-.</summary>
    PeiBadPrefix,

    /// <summary>servedPEI imei- without 15 digits, imeisv- without 16, or a MAC/EUI-64 of the wrong length.</summary>
    PeiBadLength,

    /// <summary>servedPEI with a non-digit (IMEI/IMEISV) or a non-hex group (MAC/EUI-64).</summary>
    PeiInvalidDigits,

    /// <summary>servedGPSI has neither msisdn- nor extid-&lt;id&gt;@&lt;domain&gt;.</summary>
    GpsiBadPrefix,

    /// <summary>servedGPSI msisdn- with fewer than 5 or more than 15 digits.</summary>
    GpsiBadLength,

    /// <summary>servedGPSI msisdn- with a non-digit.</summary>
    GpsiInvalidDigits,
}
