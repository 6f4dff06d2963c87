using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// RADIUS authenticators (RFC 2866 §3, RFC 2869 §5.14, RFC 5176 §3.4). Allocation-free: the digests are the
/// one-shot span APIs over stack or pooled scratch, compared in constant time.
/// </summary>
public static class RadiusAuthenticator
{
    private const int HeaderLength = AccountingRequestParser.HeaderLength;
    private const int DigestLength = RadiusHash.DigestLength;
    private const int AuthenticatorOffset = RadiusHash.AuthenticatorOffset;

    /// <summary>
    /// Verifies the Request Authenticator of an Accounting-Request (or Disconnect/CoA-Request) and, when
    /// present, its Message-Authenticator. <paramref name="packet"/> is exactly Length octets.
    /// Returns None, BadRequestAuthenticator or BadMessageAuthenticator. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// RFC 2866 §3: Request Authenticator = MD5(Code | Identifier | Length | 16 zero octets | attributes | secret).
    /// Message-Authenticator (80) is not defined for accounting by RFC 2866/3579; radclient and FreeRADIUS
    /// compute it as RFC 5176 §3.4 does for CoA/Disconnect: HMAC-MD5(secret, packet) with the Authenticator
    /// field and the Message-Authenticator value zeroed, before the Request Authenticator is computed over the
    /// packet holding the real Message-Authenticator (protocols.md A.4). A Message-Authenticator whose Length is
    /// not 18 is bad. Octets past the Length field, if any, are ignored; a packet shorter than 20 octets or than
    /// its Length cannot be verified and reports BadRequestAuthenticator.
    /// </remarks>
    public static RadiusParseError VerifyRequest(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> secret)
    {
        if (packet.Length < HeaderLength)
        {
            return RadiusParseError.BadRequestAuthenticator;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (length < HeaderLength || length > packet.Length)
        {
            return RadiusParseError.BadRequestAuthenticator;
        }

        packet = packet[..length];
        Span<byte> digest = stackalloc byte[DigestLength];
        RadiusHash.ComputeAuthenticator(packet, authenticator: default, secret, digest);
        if (!CryptographicOperations.FixedTimeEquals(digest, packet.Slice(AuthenticatorOffset, DigestLength)))
        {
            return RadiusParseError.BadRequestAuthenticator;
        }

        var offset = RadiusHash.FindMessageAuthenticator(packet);
        if (offset == -1)
        {
            return RadiusParseError.None;
        }

        if (offset < 0)
        {
            return RadiusParseError.BadMessageAuthenticator;
        }

        RadiusHash.ComputeMessageAuthenticator(packet, offset, secret, digest);
        return CryptographicOperations.FixedTimeEquals(digest, packet.Slice(offset, DigestLength))
            ? RadiusParseError.None
            : RadiusParseError.BadMessageAuthenticator;
    }

    /// <summary>
    /// Writes an Accounting-Response (code 5, no attributes) for <paramref name="request"/> into
    /// <paramref name="destination"/> (at least 20 octets) and returns its length.
    /// </summary>
    /// <remarks>
    /// RFC 2866 §3: Response Authenticator = MD5(Code | Identifier | Length | Request Authenticator | attributes | secret).
    /// Returns 0, writing nothing, when <paramref name="request"/> is shorter than a header or
    /// <paramref name="destination"/> shorter than 20 octets.
    /// </remarks>
    public static int WriteAccountingResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> secret, Span<byte> destination)
    {
        if (request.Length < HeaderLength || destination.Length < HeaderLength)
        {
            return 0;
        }

        var response = destination[..HeaderLength];
        response[0] = RadiusCodes.AccountingResponse;
        response[1] = request[1];
        BinaryPrimitives.WriteUInt16BigEndian(response[2..], HeaderLength);
        Span<byte> digest = stackalloc byte[DigestLength];
        RadiusHash.ComputeAuthenticator(response, request.Slice(AuthenticatorOffset, DigestLength), secret, digest);
        digest.CopyTo(response[AuthenticatorOffset..]);
        return HeaderLength;
    }
}
