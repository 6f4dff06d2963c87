namespace ImeiGuard.Protocols.Chf;

/// <summary>Names of <see cref="ChfParseError"/> values.</summary>
public static class ChfParseErrors
{
    // Indexed by the enum value; string literals are interned, so no allocation per lookup.
    private static readonly string[] Codes =
    [
        "none",
        "body_too_large",
        "invalid_utf8",
        "json_syntax_error",
        "nesting_too_deep",
        "not_an_object",
        "duplicate_key",
        "schema_type_mismatch",
        "schema_required_missing",
        "schema_pattern_mismatch",
        "schema_format_mismatch",
        "value_out_of_range",
        "string_too_long",
        "supi_bad_prefix",
        "supi_bad_length",
        "supi_invalid_digits",
        "pei_bad_prefix",
        "pei_bad_length",
        "pei_invalid_digits",
        "gpsi_bad_prefix",
        "gpsi_bad_length",
        "gpsi_invalid_digits",
    ];

    /// <summary>The snake_case reason code, as in the corpus expectation file.</summary>
    public static string ReasonCode(ChfParseError error) => (uint)error < (uint)Codes.Length ? Codes[(int)error] : "unknown";

    /// <summary>Every error value, for pre-resolving metric label children.</summary>
    public static IReadOnlyList<ChfParseError> All { get; } = Enum.GetValues<ChfParseError>();

    /// <summary>True for errors that stop the reader before the end of the body (see <see cref="ChfParseError"/>).</summary>
    public static bool IsBodyScope(ChfParseError error) =>
        error is > ChfParseError.None and <= ChfParseError.NestingTooDeep;
}
