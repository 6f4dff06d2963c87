namespace ImeiGuard.Redis;

/// <summary>The shared store (section "ImeiGuard:Redis"), used when ImeiGuard:Store is "Redis". See docs/redis.md.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string: one endpoint, several, or any node of a cluster. Default "127.0.0.1:6379".</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key and channel, so that several fleets (or test runs) can share one Redis. Default "imeiguard".</summary>
    public string KeyPrefix { get; set; } = "imeiguard";

    /// <summary>
    /// This instance's consumer name in the outbox stream's group; stable across restarts so that a restarted
    /// instance finds the commands it held. Default: the host name (a pod name in Kubernetes). Must differ per instance.
    /// </summary>
    public string InstanceName { get; set; } = Environment.MachineName;

    /// <summary>What a SIM missing from the near-cache gets while Redis is unreachable. Default FailOpen.</summary>
    public UnknownSimPolicy OnUnknownSimWhileDown { get; set; } = UnknownSimPolicy.FailOpen;

    /// <summary>Most records kept for a later decision (near-cache fetches in flight plus those held while Redis is down). Default 100,000.</summary>
    public int DeferredCapacity { get; set; } = 100_000;

    /// <summary>Most SIMs remembered as having no binding; past it the older half is forgotten (and fetched again when seen). Default 1,000,000.</summary>
    public int AbsentCapacity { get; set; } = 1_000_000;

    /// <summary>Most SIMs fetched in one pipelined batch. Default 256.</summary>
    public int FetchBatchSize { get; set; } = 256;

    /// <summary>An outbox stream entry held this long by a consumer that no longer reads is claimed by another instance. Default 30 s.</summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look for commands a crashed instance recorded with a transition but did not move to the outbox. Default 1 min.</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Bound of one synchronous Redis call (a transition, a control-plane read). Default 2 s.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The fail-open or fail-closed choice for SIMs the near-cache does not hold while Redis is down.</summary>
public enum UnknownSimPolicy
{
    /// <summary>Let the record through as not enforced (counted as unknown_sim_fail_open): availability first.</summary>
    FailOpen,

    /// <summary>
    /// Hold the record (bounded, counted as unknown_sim_held) and decide it when Redis returns, so no record
    /// escapes a verdict; one that does not fit is counted as buffer_full.
    /// </summary>
    FailClosed,
}
