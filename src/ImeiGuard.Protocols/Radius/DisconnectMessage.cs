using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Dynamic Authorization (RFC 5176): builds a signed Disconnect-Request, checks the NAS's Disconnect-ACK/NAK
/// against it, and (for NAS simulators) writes such an answer. Runs once per block command, never per datagram.
/// </summary>
public static class DisconnectMessage
{
    /// <summary>The Dynamic Authorization Server port (RFC 5176 §2.3).</summary>
    public const int DefaultPort = 3799;

    /// <summary>Error-Cause (RFC 5176 §3.5), a 4-octet integer in ACK/NAK.</summary>
    public const byte ErrorCauseAttribute = 101;

    /// <summary>Largest packet this class writes or reads: header plus the attributes below with full-length strings.</summary>
    public const int MaxLength = 1024;

    private const int HeaderLength = AccountingRequestParser.HeaderLength;
    private const int DigestLength = RadiusHash.DigestLength;
    private const int AuthenticatorOffset = RadiusHash.AuthenticatorOffset;

    /// <summary>
    /// Writes a Disconnect-Request (code 40) for <paramref name="session"/>: NAS-IP-Address, User-Name,
    /// Acct-Session-Id, Framed-IP-Address as present, Event-Timestamp (RFC 5176 §3 replay protection, when
    /// non-zero) and a Message-Authenticator. Signed per RFC 5176 §3.4: the Message-Authenticator over the
    /// packet with a zero Authenticator field first, then Request Authenticator = MD5(Code | Identifier |
    /// Length | 16 zero octets | attributes | secret). Returns false, with <paramref name="length"/> 0, when
    /// <paramref name="destination"/> is too small or a value longer than 253 octets.
    /// </summary>
    public static bool TryWriteRequest(Span<byte> destination, byte identifier, scoped in DisconnectSession session, ReadOnlySpan<byte> secret, uint eventTimestamp, out int length)
    {
        length = 0;
        var writer = new RadiusPacketWriter(destination, RadiusCodes.DisconnectRequest, identifier);
        var ok = (session.NasIp == 0 || writer.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, session.NasIp))
            && (session.UserName.IsEmpty || writer.TryWriteAttribute(RadiusAttributeTypes.UserName, session.UserName))
            && (session.AcctSessionId.IsEmpty || writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, session.AcctSessionId))
            && (session.FramedIp == 0 || writer.TryWriteUInt32(RadiusAttributeTypes.FramedIpAddress, session.FramedIp))
            && (eventTimestamp == 0 || writer.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, eventTimestamp))
            && writer.TryWriteMessageAuthenticator();
        return ok && writer.TrySignRequest(secret, out length);
    }

    /// <summary>
    /// Checks that <paramref name="response"/> answers <paramref name="request"/>: code 41 (ACK) or 42 (NAK),
    /// the same Identifier, Response Authenticator = MD5(Code | Identifier | Length | Request Authenticator |
    /// attributes | secret) (RFC 5176 §3.4, as RFC 2866 §3), and, when present, a Message-Authenticator computed
    /// over the response with the Request Authenticator in the Authenticator field (RFC 3579 §3.2). Returns
    /// false for anything else, which the caller ignores as it would a stray datagram. <paramref name="errorCause"/>
    /// is the Error-Cause value, 0 when absent.
    /// </summary>
    public static bool TryReadResponse(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request, ReadOnlySpan<byte> secret, out byte code, out uint errorCause)
    {
        code = 0;
        errorCause = 0;
        if (response.Length < HeaderLength || request.Length < HeaderLength
            || response[0] is not (RadiusCodes.DisconnectAck or RadiusCodes.DisconnectNak) || response[1] != request[1])
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(response[2..]);
        if (length < HeaderLength || length > response.Length || length > MaxLength)
        {
            return false;
        }

        response = response[..length];
        var requestAuthenticator = request.Slice(AuthenticatorOffset, DigestLength);
        Span<byte> digest = stackalloc byte[DigestLength];
        RadiusHash.ComputeAuthenticator(response, requestAuthenticator, secret, digest);
        if (!CryptographicOperations.FixedTimeEquals(digest, response.Slice(AuthenticatorOffset, DigestLength)))
        {
            return false;
        }

        var messageAuthenticator = RadiusHash.FindMessageAuthenticator(response);
        if (messageAuthenticator == -2)
        {
            return false;
        }

        if (messageAuthenticator > 0)
        {
            ComputeResponseMessageAuthenticator(response, messageAuthenticator, requestAuthenticator, secret, digest);
            if (!CryptographicOperations.FixedTimeEquals(digest, response.Slice(messageAuthenticator, DigestLength)))
            {
                return false;
            }
        }

        code = response[0];
        errorCause = FindErrorCause(response);
        return true;
    }

    /// <summary>
    /// Writes the NAS's answer to <paramref name="request"/>: <paramref name="responseCode"/> (41 or 42), an
    /// Error-Cause when <paramref name="errorCause"/> is non-zero, a Message-Authenticator, and the Response
    /// Authenticator (RFC 5176 §3.4). Returns the length, or 0 when the request is shorter than a header or
    /// <paramref name="destination"/> too small. For NAS simulators and tests.
    /// </summary>
    public static int WriteResponse(ReadOnlySpan<byte> request, byte responseCode, uint errorCause, ReadOnlySpan<byte> secret, Span<byte> destination)
    {
        if (request.Length < HeaderLength)
        {
            return 0;
        }

        var writer = new RadiusPacketWriter(destination, responseCode, request[1]);
        var maOffset = -1;
        var ok = errorCause == 0 || writer.TryWriteUInt32(ErrorCauseAttribute, errorCause);
        if (ok)
        {
            maOffset = writer.Length + 2;
            ok = writer.TryWriteMessageAuthenticator();
        }

        if (!ok || !writer.TryFinishUnsigned(out var length))
        {
            return 0;
        }

        var packet = destination[..length];
        var requestAuthenticator = request.Slice(AuthenticatorOffset, DigestLength);
        ComputeResponseMessageAuthenticator(packet, maOffset, requestAuthenticator, secret, packet.Slice(maOffset, DigestLength));
        Span<byte> digest = stackalloc byte[DigestLength];
        RadiusHash.ComputeAuthenticator(packet, requestAuthenticator, secret, digest);
        digest.CopyTo(packet[AuthenticatorOffset..]);
        return length;
    }

    /// <summary>HMAC-MD5(secret, response) with the Request Authenticator in octets 4..19 and the MA value zeroed (RFC 3579 §3.2).</summary>
    private static void ComputeResponseMessageAuthenticator(ReadOnlySpan<byte> packet, int maOffset, ReadOnlySpan<byte> requestAuthenticator, ReadOnlySpan<byte> secret, Span<byte> destination)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(packet.Length);
        try
        {
            var input = scratch.AsSpan(0, packet.Length);
            packet.CopyTo(input);
            requestAuthenticator.CopyTo(input[AuthenticatorOffset..]);
            input.Slice(maOffset, DigestLength).Clear();
            HMACMD5.HashData(secret, input, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static uint FindErrorCause(ReadOnlySpan<byte> packet)
    {
        var offset = HeaderLength;
        while (offset + 2 <= packet.Length)
        {
            int length = packet[offset + 1];
            if (length < 2 || offset + length > packet.Length)
            {
                return 0;
            }

            if (packet[offset] == ErrorCauseAttribute && length == 6)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 2)..]);
            }

            offset += length;
        }

        return 0;
    }
}
