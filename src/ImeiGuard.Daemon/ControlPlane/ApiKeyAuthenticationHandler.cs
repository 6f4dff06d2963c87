using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.ControlPlane.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Bearer API keys with scopes. Keys are compared as SHA-256 digests in constant time, so neither the
/// comparison nor the configuration order leaks which key was close. Challenges answer in the API envelope.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";
    private readonly ApiKeyRing _keys;

    public ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
        : base(options, logger, encoder) => _keys = keys;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = _keys.Find(header["Bearer ".Length..].Trim());
        if (key is null)
        {
            AuthenticationMetrics.ApiKey.Inc();
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key"));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        if (key.Tenant is not null)
        {
            claims.Add(new Claim(Caller.TenantClaim, key.Tenant));
        }

        if (key.Device is not null)
        {
            claims.Add(new Claim(Caller.DeviceClaim, key.Device));
        }

        foreach (var scope in key.Scopes)
        {
            claims.Add(new Claim(Scopes.ScopeClaim, scope));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Envelope.Error(StatusCodes.Status401Unauthorized, LockApiErrors.Unauthenticated, ControlPlaneAuthentication.UnauthenticatedMessage).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Envelope.Error(StatusCodes.Status403Forbidden, LockApiErrors.Forbidden, ControlPlaneAuthentication.ForbiddenMessage).ExecuteAsync(Context);
}

/// <summary>A configured key: its digest, name, scopes, tenant and (standing in for a 3-legged token) device.</summary>
internal sealed record ApiKey(string Name, byte[] Digest, IReadOnlyList<string> Scopes, string? Tenant = null, string? Device = null);

/// <summary>The set of accepted keys.</summary>
internal sealed class ApiKeyRing(IReadOnlyList<ApiKey> keys)
{
    public IReadOnlyList<ApiKey> Keys => keys;

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public ApiKey? Find(string presented)
    {
        var digest = Digest(presented);
        ApiKey? match = null;
        foreach (var key in keys)
        {
            // Visit every key so that timing does not depend on which one matched.
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                match = key;
            }
        }

        return match;
    }
}
