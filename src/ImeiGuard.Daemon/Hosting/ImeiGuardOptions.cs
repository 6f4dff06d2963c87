using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>Top-level settings (section "ImeiGuard"). Every default runs the daemon stand-alone.</summary>
public sealed class ImeiGuardOptions
{
    /// <summary>Directory of the embedded database and the bootstrap admin key. Default "data" (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How often last-seen data is written to the database. Default 5 s.</summary>
    public TimeSpan SightingFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old the stored last sighting of a SIM may grow before a sighting that repeats it (same device, location and
    /// NAS) is written again; a changed one is written at the next flush whatever this says. Default 1 min, so last-seen
    /// times in the store and the API are accurate to a minute. Must be below ImeiGuard:Policy:CloneWindow, whose
    /// check reads the stored times. Zero writes every sighting.
    /// </summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most MSISDN/IMEI pairings learned from traffic and kept in memory for lookups, per map; the least recently used are evicted. Default 1,000,000.</summary>
    public int LearnedIdentifierCapacity { get; set; } = 1_000_000;

    /// <summary>
    /// Where bindings and the outbox live: <see cref="EmbeddedStore"/> (the default, one node) or <see cref="RedisStore"/>
    /// (a fleet sharing ImeiGuard:Redis; docs/redis.md).
    /// </summary>
    public string Store { get; set; } = EmbeddedStore;

    public const string EmbeddedStore = "Sqlite";
    public const string RedisStore = "Redis";

    /// <summary>True when <see cref="Store"/> selects Redis.</summary>
    public bool UsesRedis => string.Equals(Store, RedisStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>Put IMSI and IMEIs in the per-violation log line. Default false: no subscriber identifier is logged at Information or above.</summary>
    public bool LogSubscriberIdentifiers { get; set; }
}

/// <summary>RADIUS accounting ingest (section "ImeiGuard:Radius").</summary>
public sealed class RadiusOptions
{
    /// <summary>UDP port. Default 1813 (RFC 2866).</summary>
    public int Port { get; set; } = 1813;

    /// <summary>Local address to bind. Default 0.0.0.0; use "::" for IPv4 and IPv6.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Datagrams that may wait for a worker; beyond it they are dropped and counted. Default 65,536.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>Decision workers. Default: the number of processors.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Answer authenticated Accounting-Requests with an Accounting-Response, as an accounting server does. Default true. Mirrors (FreeRADIUS replicate) ignore answers.</summary>
    public bool SendResponses { get; set; } = true;

    /// <summary>
    /// Replay window: a record whose Event-Timestamp is older than this (or more than
    /// <see cref="MaxEventSkew"/> in the future) is dropped and counted (reason stale_event), so a captured
    /// packet replayed later — say after an admin RESET paired a new device — cannot cause a false block.
    /// Default 15 min; zero turns the check off (e.g. for store-and-forward copies from a detail file).
    /// Records without Event-Timestamp are not affected.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated clock skew for Event-Timestamps in the future. Default 5 min.</summary>
    public TimeSpan MaxEventSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a request is remembered to recognise its retransmission (same source, port, Identifier and Request
    /// Authenticator; RFC 5080 §2.2.2): a duplicate is answered again but not decided twice. Default 30 s; 0 turns it off.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests remembered for duplicate detection (a fixed table, about 48 octets a slot). Default 65,536.</summary>
    public int DuplicateCacheCapacity { get; set; } = 65_536;

    /// <summary>Most live sessions tracked (for Accounting-On/Off and address lookups). Default 2,000,000.</summary>
    public int SessionCapacity { get; set; } = 2_000_000;

    /// <summary>When the session table is full, sessions without an update for this long are evicted (their Stop was lost). Default 1 day.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Socket receive buffer in bytes. Default 4 MiB (the kernel may cap it at net.core.rmem_max).</summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The trusted sources. A datagram from any other address is dropped and counted. When none is
    /// configured, <see cref="LoopbackDefaults"/> applies (with a warning at start), so the daemon works
    /// out of the box for a local walkthrough and nothing off-host is trusted.
    /// </summary>
    public List<RadiusClientOptions> Clients { get; set; } = [];

    /// <summary>The embedded default clients: 127.0.0.0/8 and ::1 with the secret "testing123".</summary>
    public static IReadOnlyList<RadiusClientOptions> LoopbackDefaults { get; } =
    [
        new() { Name = "loopback", Address = "127.0.0.0/8", Secret = "testing123" },
        new() { Name = "loopback6", Address = "::1/128", Secret = "testing123" },
    ];

    /// <summary>The configured clients, or the loopback defaults when none are configured.</summary>
    public IReadOnlyList<RadiusClientOptions> EffectiveClients => Clients.Count > 0 ? Clients : LoopbackDefaults;
}

/// <summary>One trusted RADIUS source: a NAS, a probe or a FreeRADIUS mirror.</summary>
public sealed class RadiusClientOptions
{
    /// <summary>A name for logs and evidence, e.g. "pgw-a".</summary>
    public string Name { get; set; } = "";

    /// <summary>Source address or CIDR prefix, IPv4 or IPv6 (e.g. "127.0.0.0/8", "2001:db8::/32").</summary>
    public string Address { get; set; } = "";

    /// <summary>Shared secret; for FreeRADIUS replicate, the home_server secret. Prefer SecretFile or an environment variable over putting it here.</summary>
    public string? Secret { get; set; }

    /// <summary>A file holding the shared secret (trailing newline ignored).</summary>
    public string? SecretFile { get; set; }

    /// <summary>
    /// Policy for a source whose secret is not known (e.g. a passive probe tapping a NAS): with no secret
    /// and this set, its packets are accepted without authenticator checks and counted as unverified;
    /// no Accounting-Response is sent. Default false: a client without a secret is a configuration error.
    /// </summary>
    public bool AcceptUnverified { get; set; }

    /// <summary>
    /// NCGI alignment in 3GPP-User-Location-Info types 135/137, UNCONFIRMED in TS 29.061 as available:
    /// SpareLast (default, Wireshark's reading: NCI = first 36 bits) or SpareFirst (NCI = last 36 bits).
    /// Cross-check against the CHF nrCellId of the same session when unsure.
    /// </summary>
    public NcgiLayout NcgiLayout { get; set; } = NcgiLayout.SpareLast;

    /// <summary>
    /// SMeNB flag polarity of the extended eNodeB ID (ULI types 133/134), UNCONFIRMED: SetMeansShort
    /// (default: flag 1 = 18-bit short macro ID) or SetMeansLong.
    /// </summary>
    public ExtendedENodeBFlag ExtendedENodeBFlag { get; set; } = ExtendedENodeBFlag.SetMeansShort;
}

/// <summary>Readiness settings (section "ImeiGuard:Health").</summary>
public sealed class HealthOptions
{
    /// <summary>A pending command older than this makes the outbox "stuck" in /readyz. Default 15 min.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether a stuck outbox fails /readyz (503). Default false: ingest must go on while the OSS is down.</summary>
    public bool FailReadinessOnStuckOutbox { get; set; }

    /// <summary>
    /// Whether an unreachable Redis fails /readyz (503). Default false: every instance of a fleet shares one Redis,
    /// so failing would take them all out of their Service at once, while each can still decide from its near-cache.
    /// </summary>
    public bool FailReadinessOnRedisDown { get; set; }
}
