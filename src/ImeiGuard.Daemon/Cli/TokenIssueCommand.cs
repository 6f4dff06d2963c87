using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ImeiGuard.Core.Audit;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.Auth;
using ImeiGuard.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImeiGuard.Daemon.Cli;

/// <summary>
/// <c>imeiguard token issue</c>: prints a JWT signed with the daemon's local ES256 key, for installations on
/// embedded defaults (no OpenID Connect provider). Whoever can read the data directory can mint tokens, exactly
/// as they can read admin.key; the daemon checks them like any other bearer JWT.
/// </summary>
internal static class TokenIssueCommand
{
    /// <summary>Longest lifetime handed out; long-lived access belongs in an API key that can be revoked from the settings.</summary>
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    public static int Run(Dictionary<string, string> options, TimeProvider time)
    {
        if (!options.TryGetValue("scope", out var scopeText) || scopeText.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not { Length: > 0 } scopes)
        {
            return Fail("token issue needs --scope \"simlock:read simlock:write ...\"");
        }

        foreach (var scope in scopes)
        {
            if (!Scopes.All.Contains(scope))
            {
                return Fail($"unknown scope '{scope}'; known: {string.Join(" ", Scopes.All)}");
            }
        }

        if (!TryParseLifetime(options.GetValueOrDefault("ttl") ?? "1h", out var lifetime))
        {
            return Fail($"--ttl is a duration up to {MaxLifetime.TotalDays:0} days: 90s, 30m, 1h, 7d or 01:00:00");
        }

        var jwt = new JwtOptions { SigningKeyFile = options.GetValueOrDefault("signing-key") };
        var keyPath = LocalSigningKey.PathFor(jwt, options.GetValueOrDefault("data-dir") ?? "data");
        if (!File.Exists(keyPath))
        {
            return Fail($"no signing key at {keyPath}: start the daemon once (it creates the key) or pass --data-dir / --signing-key");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["scope"] = string.Join(' ', scopes),
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["sub"] = options.GetValueOrDefault("subject") ?? "imeiguard-cli",
        };
        if (options.GetValueOrDefault("tenant") is { Length: > 0 } tenant)
        {
            claims[Caller.TenantClaim] = tenant;
        }

        if (options.GetValueOrDefault("device") is { Length: > 0 } device)
        {
            claims[Caller.DeviceClaim] = device;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.GetValueOrDefault("issuer") ?? jwt.Issuer,
            Audience = options.GetValueOrDefault("audience") ?? jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(LocalSigningKey.LoadOrCreate(keyPath), SecurityAlgorithms.EcdsaSha256),
        });
        Audit(options.GetValueOrDefault("data-dir") ?? "data", time, claims, now + lifetime);
        Console.WriteLine(token);
        Console.Error.WriteLine($"expires {(now + lifetime).ToString("u", CultureInfo.InvariantCulture)}; send as: Authorization: Bearer <token>");
        return 0;
    }

    /// <summary>
    /// Records the issue in the daemon's audit log (the database in the data directory; SQLite lets the CLI
    /// write beside the running daemon). The token itself is never stored, only its id and claims.
    /// </summary>
    private static void Audit(string dataDirectory, TimeProvider time, Dictionary<string, object> claims, DateTime expires)
    {
        var path = Path.Combine(dataDirectory, "imeiguard.db");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"warning: no database at {path}; the issue is not in the audit log");
            return;
        }

        var after = new Dictionary<string, object>(claims, StringComparer.Ordinal) { ["exp"] = new DateTimeOffset(expires, TimeSpan.Zero) };
        using var db = new SqliteDatabase(path);
        new SqliteAuditLog(db).Record(new AuditEntry(
            time.GetUtcNow(), "cli:" + Environment.UserName, claims.GetValueOrDefault(Caller.TenantClaim) as string, "token.issue",
            "token:" + claims["jti"], null, JsonSerializer.Serialize(after), null));
    }

    /// <summary>90s, 30m, 1h, 7d, or a TimeSpan (01:00:00); positive and at most <see cref="MaxLifetime"/>.</summary>
    internal static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            lifetime = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => default,
            };
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            lifetime = span;
        }

        return lifetime > TimeSpan.Zero && lifetime <= MaxLifetime;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
