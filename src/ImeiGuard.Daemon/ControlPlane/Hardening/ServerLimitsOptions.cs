namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Kestrel's connection and request limits (section "ImeiGuard:ControlPlane:Limits"), tighter than Kestrel's
/// defaults where a slow or greedy client could hold resources: a client must finish its headers and keep its body
/// flowing, or it is disconnected.
/// </summary>
public sealed class ServerLimitsOptions
{
    /// <summary>Time to receive the request headers; a client dribbling them (slowloris) is disconnected. Default 10 s.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least average body rate in bytes per second once <see cref="MinRequestBodyDataRateGracePeriod"/> is over. Default 240; 0 switches it off.</summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>Time a body may start slowly before <see cref="MinRequestBodyDataRate"/> applies; over 1 s (Kestrel's check interval). Default 5 s.</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle keep-alive connection stays open. Default 60 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most open connections; more are closed at once. Default 1,000; 0: no limit.</summary>
    public long MaxConcurrentConnections { get; set; } = 1_000;

    /// <summary>Most bytes of request headers (a JWT is a few KiB). Default 32 KiB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Most bytes of a request body, 413 beyond; the inventory CSV (32 MiB) and cell upload (256 MiB) set their own. Default 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
