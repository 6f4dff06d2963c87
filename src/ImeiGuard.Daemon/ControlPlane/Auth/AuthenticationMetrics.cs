using Prometheus;

namespace ImeiGuard.Daemon.ControlPlane.Auth;

/// <summary>
/// Rejected bearer tokens by scheme, for alerting on guessing or a misconfigured client. Requests without a token
/// and missing scopes are not counted: they are ordinary 401/403 answers visible in the HTTP metrics.
/// </summary>
internal static class AuthenticationMetrics
{
    private static readonly Counter Rejected = Metrics.CreateCounter(
        "imeiguard_control_plane_auth_rejected_total",
        "Bearer tokens rejected by the control plane (unknown API key, or a JWT failing signature, issuer, audience or lifetime), by scheme.",
        new CounterConfiguration { LabelNames = ["scheme"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    public static readonly Counter.Child ApiKey = Rejected.WithLabels("api_key");

    public static readonly Counter.Child Jwt = Rejected.WithLabels("jwt");

    /// <summary>
    /// Creates both series at start (a field access runs the initialisers), so they read 0 before the first
    /// rejection instead of being absent: rate() and the alert rules need the series to exist.
    /// </summary>
    public static void Publish()
    {
        ApiKey.Inc(0);
        Jwt.Inc(0);
    }
}
