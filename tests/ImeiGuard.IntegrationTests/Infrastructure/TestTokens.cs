using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Bearer JWTs made in the test: well-formed ones and each kind of forgery the daemon must refuse.</summary>
internal static class TestTokens
{
    /// <summary>The daemon's local ES256 key, read from its data directory.</summary>
    public static SigningCredentials LocalKey(string dataDirectory)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(dataDirectory, "jwt-signing-key.pem")));
        return new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>A fresh key the daemon has never seen.</summary>
    public static SigningCredentials ForeignKey() =>
        new(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);

    public static string Create(
        SigningCredentials credentials, string scope, string issuer = "imeiguard", string audience = "imeiguard",
        TimeSpan? expiresIn = null, string? tenant = null, string scopeClaim = "scope", string? device = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object> { [scopeClaim] = scope, ["sub"] = "test-client" };
        if (tenant is not null)
        {
            claims["tenant"] = tenant;
        }

        if (device is not null)
        {
            claims["device"] = device;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    /// <summary>
    /// Algorithm confusion: HS256 with the daemon's public key as the HMAC secret, as an attacker who fetched the public
    /// key would sign. Refused because only asymmetric algorithms are accepted.
    /// </summary>
    public static string HmacWithPublicKey(string dataDirectory, string scope)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(dataDirectory, "jwt-signing-key.pem")));
        var secret = new SymmetricSecurityKey(key.ExportSubjectPublicKeyInfo());
        return Create(new SigningCredentials(secret, SecurityAlgorithms.HmacSha256), scope);
    }

    /// <summary>An unsigned token ("alg":"none") with otherwise valid claims.</summary>
    public static string Unsigned(string scope)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($$"""{"iss":"imeiguard","aud":"imeiguard","sub":"x","scope":"{{scope}}","exp":{{exp}}}"""));
        return $"{header}.{payload}.";
    }
}
