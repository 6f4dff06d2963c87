using ImeiGuard.Daemon.ControlPlane.Hardening;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Control-plane access (section "ImeiGuard:ControlPlane").</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>
    /// Accepted API keys. When empty, a random admin key with every scope is created once in
    /// {DataDirectory}/admin.key (mode 0600) and used; its path is logged, never the key.
    /// </summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>OAuth2 bearer JWTs, accepted alongside the API keys.</summary>
    public Auth.JwtOptions Jwt { get; set; } = new();

    /// <summary>Lockout of client addresses that keep presenting rejected tokens.</summary>
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Per-caller rate limit of the subscriber API.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Deepest nesting of objects and arrays in a JSON request body (1..64); deeper answers 400 SIMLOCK_1016. Default 32.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Connection and request limits against slow or greedy clients.</summary>
    public ServerLimitsOptions Limits { get; set; } = new();

    /// <summary>HTTPS from a certificate file.</summary>
    public TlsOptions Tls { get; set; } = new();
}

/// <summary>One API key.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    /// <summary>The key itself; prefer <see cref="KeyFile"/> or an environment variable.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Scopes, as listed in <see cref="ControlPlane.Scopes.All"/>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The enterprise this key acts for: it sees only that tenant's SIMs. Empty: the operator (every SIM).</summary>
    public string? Tenant { get; set; }

    /// <summary>
    /// The device this key stands for, as a 3-legged token would name it (claim "device"; forms in docs/camara.md:
    /// tel:+E164, imsi:DIGITS, nai:LOCAL@REALM, ipv4:ADDRESS, ipv6:ADDRESS). Empty: a 2-legged key.
    /// </summary>
    public string? Device { get; set; }
}
