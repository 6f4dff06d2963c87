using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Redis;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>An instance on Redis: its own connection (so a new node is a restart), the test's key prefix and a stable consumer name.</summary>
internal sealed class RedisNode : StoreNode
{
    private readonly RedisConnection _redis;

    private RedisNode(RedisConnection redis, RedisOutboxStore outbox, BindingPolicy? policy, ImeiGuardMetrics? metrics, int rebindLimit)
        : base(new RedisBindingStore(redis, outbox), outbox, policy, metrics, rebindLimit)
    {
        _redis = redis;
        RedisOutbox = outbox;
    }

    public RedisOutboxStore RedisOutbox { get; }

    public static RedisNode Open(string configuration, string keyPrefix, BindingPolicy? policy, ImeiGuardMetrics? metrics, int rebindLimit, string instance = "node-a")
    {
        var redis = new RedisConnection(new RedisOptions { Configuration = configuration, KeyPrefix = keyPrefix, InstanceName = instance });
        return new RedisNode(redis, new RedisOutboxStore(redis, TimeSpan.FromSeconds(30)), policy, metrics, rebindLimit);
    }

    public override void Insert(params OutboxEntry[] entries)
    {
        foreach (var entry in entries)
        {
            RedisOutbox.Enqueue(entry);
        }
    }

    public override void Dispose() => _redis.Dispose();
}
