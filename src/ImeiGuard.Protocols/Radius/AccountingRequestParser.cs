namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Parses an Accounting-Request datagram in place (RFC 2865 §3/§5, RFC 2866, 3GPP VSAs of TS 29.061).
/// CONTRACT STUB: the implementation is being written.
/// </summary>
public static class AccountingRequestParser
{
    /// <summary>
    /// Parses the framing and every attribute. Returns a datagram-scope error, or None; attribute-scope
    /// problems are reported in <see cref="AccountingRequest.ValueError"/> and the value is left empty.
    /// Never throws. Authenticators are not checked here: see <see cref="RadiusAuthenticator"/>.
    /// </summary>
    public static RadiusParseError TryParse(ReadOnlySpan<byte> datagram, in RadiusParserOptions options, out AccountingRequest request)
    {
        request = default;
        _ = datagram;
        _ = options;
        return RadiusParseError.EmptyDatagram;
    }
}
