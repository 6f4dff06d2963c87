using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ImeiGuard.Daemon.ControlPlane.Auth;

/// <summary>
/// Who may call the control plane: API keys and OAuth2 bearer JWTs side by side. A policy scheme looks at
/// the bearer token's shape (a JWT is three dot-separated segments; API keys have no dot) and forwards to
/// the scheme that can read it, so clients never say which kind they hold. Every scope is a policy
/// satisfied by a <c>scope</c> or <c>scp</c> claim; failures answer in the API envelope.
/// </summary>
internal static class ControlPlaneAuthentication
{
    public const string BearerScheme = "Bearer";
    public const string JwtScheme = "Jwt";
    public const string UnauthenticatedMessage = "A valid bearer token (API key or JWT) is required";
    public const string ForbiddenMessage = "The token lacks the scope this operation needs, or is bound to one device";

    /// <summary>
    /// Policy of every endpoint that reaches beyond one SIM (listings, inventory writes, account switch, audit,
    /// enforcement commands): a 3-legged token, issued for one device, is refused there.
    /// </summary>
    public const string NotDeviceBound = "not-device-bound";

    /// <summary>
    /// Asymmetric signatures only: "none" and HMAC are never accepted, so a token cannot be forged with the
    /// public key as an HMAC secret (algorithm confusion) or sent unsigned.
    /// </summary>
    private static readonly string[] SignatureAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    public static IServiceCollection AddControlPlaneAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(static sp => ApiKeyBootstrap.Build(
            sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value,
            sp.GetRequiredService<IOptions<ImeiGuardOptions>>().Value.DataDirectory,
            out _));
        services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "API key or JWT", static o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(JwtScheme);
        services.AddOptions<JwtBearerOptions>(JwtScheme)
            .Configure<IOptions<ControlPlaneOptions>, IOptions<ImeiGuardOptions>>(static (o, controlPlane, daemon) =>
                Configure(o, controlPlane.Value.Jwt, daemon.Value.DataDirectory));
        services.AddAuthorization(static options =>
        {
            foreach (var scope in Scopes.All)
            {
                options.AddPolicy(scope, policy => policy.RequireAssertion(context => Scopes.Has(context.User, scope)));
            }

            options.AddPolicy(NotDeviceBound, static policy => policy.RequireAssertion(static context => context.User.FindFirst(Caller.DeviceClaim) is null));
        });
        return services;
    }

    /// <summary>Configures the JWT scheme now, publishes the rejection counters, and says what it trusts (for the startup log).</summary>
    public static string Describe(IServiceProvider services)
    {
        AuthenticationMetrics.Publish();
        var o = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtScheme);
        var p = o.TokenValidationParameters;
        return o.Authority is { Length: > 0 } authority
            ? $"OpenID Connect authority {authority}, audience {p.ValidAudience}"
            : $"issuer {p.ValidIssuer}, audience {p.ValidAudience}, local ES256 key {p.IssuerSigningKey.KeyId}";
    }

    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString().AsSpan();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim().Count('.') == 2
            ? JwtScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void Configure(JwtBearerOptions o, JwtOptions jwt, string dataDirectory)
    {
        // Keep claim names as issued ("sub", "scope", "tenant"), not mapped to WS-Federation URIs.
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = SignatureAlgorithms,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = "sub",
        };
        if (jwt.Authority is { Length: > 0 } authority)
        {
            // Issuer and keys come from the provider's discovery document and JWKS (cached, refreshed on an unknown kid).
            o.Authority = authority;
            o.Audience = jwt.Audience;
        }
        else
        {
            o.TokenValidationParameters.ValidIssuer = jwt.Issuer;
            o.TokenValidationParameters.IssuerSigningKey = LocalSigningKey.LoadOrCreate(LocalSigningKey.PathFor(jwt, dataDirectory));
        }

        o.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = static _ =>
            {
                AuthenticationMetrics.Jwt.Inc();
                return Task.CompletedTask;
            },
            OnChallenge = static context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Envelope.Error(StatusCodes.Status401Unauthorized, LockApiErrors.Unauthenticated, UnauthenticatedMessage).ExecuteAsync(context.HttpContext);
            },
            OnForbidden = static context =>
                Envelope.Error(StatusCodes.Status403Forbidden, LockApiErrors.Forbidden, ForbiddenMessage).ExecuteAsync(context.HttpContext),
        };
    }
}
