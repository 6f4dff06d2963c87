using System.Buffers;
using System.Security.Cryptography;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// The two digests RADIUS uses, computed over a contiguous scratch copy so that the one-shot span APIs apply
/// (no hash objects, no allocation). Scratch is stack memory up to <see cref="StackLimit"/> octets, else pooled.
/// </summary>
internal static class RadiusHash
{
    public const int DigestLength = 16;
    public const int AuthenticatorOffset = 4;

    // House style 8.3.4: stackalloc up to 256 octets, else ArrayPool.
    private const int StackLimit = 256;

    /// <summary>
    /// RFC 2866 §3 / RFC 2865 §3 style authenticator: MD5(Code | Identifier | Length | <paramref name="authenticator"/>
    /// | attributes | secret). For requests <paramref name="authenticator"/> is 16 zero octets; for responses it is
    /// the Request Authenticator. <paramref name="packet"/> supplies every octet except octets 4..19.
    /// </summary>
    public static void ComputeAuthenticator(
        ReadOnlySpan<byte> packet,
        ReadOnlySpan<byte> authenticator,
        ReadOnlySpan<byte> secret,
        Span<byte> destination)
    {
        var total = packet.Length + secret.Length;
        byte[]? rented = null;
        var scratch = total <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            var input = scratch[..total];
            packet.CopyTo(input);
            if (authenticator.IsEmpty)
            {
                input.Slice(AuthenticatorOffset, DigestLength).Clear();
            }
            else
            {
                authenticator.CopyTo(input[AuthenticatorOffset..]);
            }

            secret.CopyTo(input[packet.Length..]);
            MD5.HashData(input, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Message-Authenticator the RFC 5176 §3.4 way: HMAC-MD5(secret, packet) with the Authenticator field and
    /// the Message-Authenticator value (at <paramref name="messageAuthenticatorOffset"/>) both zeroed.
    /// </summary>
    public static void ComputeMessageAuthenticator(
        ReadOnlySpan<byte> packet,
        int messageAuthenticatorOffset,
        ReadOnlySpan<byte> secret,
        Span<byte> destination)
    {
        byte[]? rented = null;
        var scratch = packet.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(packet.Length));
        try
        {
            var input = scratch[..packet.Length];
            packet.CopyTo(input);
            input.Slice(AuthenticatorOffset, DigestLength).Clear();
            input.Slice(messageAuthenticatorOffset, DigestLength).Clear();
            HMACMD5.HashData(secret, input, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Finds the value offset of the first Message-Authenticator (80) in a packet whose framing may be unchecked.
    /// Returns -1 when there is none or the walk breaks before one; -2 when it has a length other than 18.
    /// </summary>
    public static int FindMessageAuthenticator(ReadOnlySpan<byte> packet)
    {
        var offset = AccountingRequestParser.HeaderLength;
        while (offset + 2 <= packet.Length)
        {
            int length = packet[offset + 1];
            if (length < 2 || offset + length > packet.Length)
            {
                return -1;
            }

            if (packet[offset] == RadiusAttributeTypes.MessageAuthenticator)
            {
                return length == DigestLength + 2 ? offset + 2 : -2;
            }

            offset += length;
        }

        return -1;
    }
}
