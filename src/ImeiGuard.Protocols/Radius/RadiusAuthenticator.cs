namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// RADIUS authenticators (RFC 2866 §3, RFC 2869 §5.14, RFC 5176 §3.4). CONTRACT STUB.
/// </summary>
public static class RadiusAuthenticator
{
    /// <summary>
    /// Verifies the Request Authenticator of an Accounting-Request (or Disconnect/CoA-Request) and, when
    /// present, its Message-Authenticator. <paramref name="packet"/> is exactly Length octets.
    /// Returns None, BadRequestAuthenticator or BadMessageAuthenticator. Allocates nothing.
    /// </summary>
    public static RadiusParseError VerifyRequest(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> secret)
    {
        _ = packet;
        _ = secret;
        return RadiusParseError.None;
    }

    /// <summary>
    /// Writes an Accounting-Response (code 5, no attributes) for <paramref name="request"/> into
    /// <paramref name="destination"/> (at least 20 octets) and returns its length.
    /// </summary>
    public static int WriteAccountingResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> secret, Span<byte> destination)
    {
        _ = request;
        _ = secret;
        _ = destination;
        return 0;
    }
}
