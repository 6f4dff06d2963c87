namespace ImeiGuard.Protocols.Radius;

/// <summary>Names and scopes of <see cref="RadiusParseError"/> values.</summary>
public static class RadiusParseErrors
{
    // Indexed by the enum value; string literals are interned, so no allocation per lookup.
    private static readonly string[] Codes =
    [
        "none",
        "empty_datagram",
        "datagram_too_short",
        "length_below_minimum",
        "length_above_maximum",
        "length_exceeds_datagram",
        "unexpected_code",
        "attribute_overrun",
        "attribute_length_invalid",
        "vsa_too_short",
        "vsa_sublength_invalid",
        "vsa_sublength_overrun",
        "bad_request_authenticator",
        "bad_message_authenticator",
        "missing_acct_status_type",
        "attribute_value_length_invalid",
        "imsi_too_long",
        "imsi_too_short",
        "imsi_invalid_digits",
        "imeisv_invalid_digits",
        "imeisv_invalid_length",
        "uli_truncated",
        "uli_length_mismatch",
    ];

    /// <summary>The snake_case reason code, as in the corpus expectation files.</summary>
    public static string ReasonCode(RadiusParseError error) => (uint)error < (uint)Codes.Length ? Codes[(int)error] : "unknown";

    /// <summary>Every error value, for pre-resolving metric label children.</summary>
    public static IReadOnlyList<RadiusParseError> All { get; } = Enum.GetValues<RadiusParseError>();

    /// <summary>True when the whole datagram must be dropped; false for a flagged value.</summary>
    public static bool IsDatagramScope(RadiusParseError error) =>
        error is > RadiusParseError.None and < RadiusParseError.AttributeValueLengthInvalid;
}
