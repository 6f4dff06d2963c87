namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Per-caller rate limit of the subscriber API, /api/v2/… (section "ImeiGuard:ControlPlane:RateLimit"). Keyed by the
/// authenticated principal (API key name or token subject), so callers behind one NAT or proxy do not share a budget.
/// CAMARA has its own (ImeiGuard:Camara:RateLimitPermits).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per caller and window; beyond it 429 SIMLOCK_1015 with Retry-After. Default 1,000; 0 switches the limit off.</summary>
    public int Permits { get; set; } = 1_000;

    /// <summary>The fixed window. Default 10 s.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => Permits > 0;
}
