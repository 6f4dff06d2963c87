using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeiGuard.Oss.Adapters;

/// <summary>
/// Signs request bodies so the OSS can verify the sender: header
/// <c>X-ImeiGuard-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;." + body)&gt;</c>.
/// The timestamp is the time of the attempt, so a receiver can reject stale replays; the body is the same
/// bytes on every attempt. docs/enforcement.md shows the receiver's check.
/// </summary>
internal sealed class WebhookSigner
{
    public const string HeaderName = "X-ImeiGuard-Signature";

    private readonly byte[] _secret;

    public WebhookSigner(byte[] secret) => _secret = secret;

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public string Sign(ReadOnlySpan<byte> body, long unixSeconds)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Compute(_secret, t, body))}";
    }

    /// <summary>
    /// The receiver's check: the header parses, its timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, and v1 equals the HMAC (compared in constant time).
    /// </summary>
    public static bool Verify(string? header, ReadOnlySpan<byte> body, byte[] secret, DateTimeOffset now, TimeSpan tolerance)
    {
        string? t = null;
        string? v1 = null;
        foreach (var part in (header ?? string.Empty).Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                v1 = part[3..];
            }
        }

        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Compute(secret, t, body));
    }

    private static byte[] Compute(byte[] secret, string t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes(t + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
