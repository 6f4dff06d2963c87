using Prometheus;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// What the control plane refused to serve, and the lockout table. Labels are reasons only: never a client address,
/// an API key name or a subscriber identifier.
/// </summary>
internal static class AbuseMetrics
{
    private static readonly Counter Refused = Metrics.CreateCounter(
        "imeiguard_control_plane_refused_total",
        "Control-plane requests refused before or instead of their operation, by reason.",
        new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    /// <summary>Refused without reading the credential: the client address is locked out.</summary>
    public static readonly Counter.Child LockedOut = Refused.WithLabels("locked_out");

    /// <summary>The caller used up its subscriber-API rate limit.</summary>
    public static readonly Counter.Child RateLimited = Refused.WithLabels("rate_limited");

    /// <summary>The caller used up its CAMARA rate limit.</summary>
    public static readonly Counter.Child CamaraRateLimited = Refused.WithLabels("camara_rate_limited");

    /// <summary>A JSON body nested deeper than ImeiGuard:ControlPlane:MaxJsonDepth.</summary>
    public static readonly Counter.Child JsonTooDeep = Refused.WithLabels("json_too_deep");

    /// <summary>A JSON body that is not JSON, or not of the operation's shape.</summary>
    public static readonly Counter.Child JsonMalformed = Refused.WithLabels("json_malformed");

    /// <summary>A body over its size limit or arriving too slowly (Kestrel's own limits).</summary>
    public static readonly Counter.Child BodyRejected = Refused.WithLabels("body_rejected");

    public static readonly Counter Lockouts = Metrics.CreateCounter(
        "imeiguard_control_plane_lockouts_total",
        "Client addresses locked out after repeated rejected bearer tokens (ImeiGuard:ControlPlane:Lockout).",
        new CounterConfiguration { ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    public static readonly Counter LockoutUntracked = Metrics.CreateCounter(
        "imeiguard_control_plane_lockout_untracked_total",
        "Rejected tokens from an address the lockout table had no room for (every tracked address was locked out).",
        new CounterConfiguration { ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    public static readonly Gauge TrackedAddresses = Metrics.CreateGauge(
        "imeiguard_control_plane_lockout_addresses",
        "Client addresses in the lockout table (recent failures or a live lockout).");

    /// <summary>Creates every series at start so that rate() and alerts see 0, not an absent series.</summary>
    public static void Publish()
    {
        foreach (var child in (Counter.Child[])[LockedOut, RateLimited, CamaraRateLimited, JsonTooDeep, JsonMalformed, BodyRejected])
        {
            child.Inc(0);
        }

        Lockouts.Inc(0);
        LockoutUntracked.Inc(0);
        TrackedAddresses.Set(0);
    }
}
