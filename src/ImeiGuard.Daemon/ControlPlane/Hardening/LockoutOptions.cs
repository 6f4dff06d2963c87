namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Brute-force lockout (section "ImeiGuard:ControlPlane:Lockout"): a client address that presents
/// <see cref="MaxFailures"/> rejected bearer tokens within <see cref="Window"/> is refused on every authenticated
/// route for <see cref="Duration"/>, before its credential is even read.
/// </summary>
public sealed class LockoutOptions
{
    /// <summary>Rejected tokens per address and window that start a lockout. Default 10; 0 switches the lockout off.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>The fixed window failures are counted in. Default 1 min.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a locked-out address is refused (429 with Retry-After). Default 5 min.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most addresses tracked at once. When full, expired and not-locked entries are dropped first; if every entry is
    /// a live lockout, a new address is not tracked (counted). Default 10,000 (about 1 MiB).
    /// </summary>
    public int MaxTrackedAddresses { get; set; } = 10_000;

    /// <summary>
    /// IPv6 clients are tracked by this prefix, because one host usually holds a whole /64 and could otherwise rotate
    /// through it. Default 64; 128 tracks single addresses.
    /// </summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    public bool Enabled => MaxFailures > 0;
}
