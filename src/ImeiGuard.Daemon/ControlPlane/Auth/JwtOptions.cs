namespace ImeiGuard.Daemon.ControlPlane.Auth;

/// <summary>
/// OAuth2 bearer JWTs (section "ImeiGuard:ControlPlane:Jwt"). With an <see cref="Authority"/>, tokens are
/// validated against that OpenID Connect provider (discovery document and JWKS, refreshed by the handler);
/// without one, against the daemon's own ES256 key, which <c>imeiguard token issue</c> signs with.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The OpenID Connect issuer URL; discovery is read from {Authority}/.well-known/openid-configuration. Default none: the local key.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> a token must carry. Default "imeiguard".</summary>
    public string Audience { get; set; } = "imeiguard";

    /// <summary>The <c>iss</c> of locally signed tokens (ignored with an <see cref="Authority"/>, whose discovery document names it). Default "imeiguard".</summary>
    public string Issuer { get; set; } = "imeiguard";

    /// <summary>The local signing key (PKCS#8 PEM, P-256). Default {DataDirectory}/jwt-signing-key.pem, generated once with mode 0600.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Tolerated clock difference for exp/nbf. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refuse an http:// authority. Default true; only a loopback test provider needs false.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
