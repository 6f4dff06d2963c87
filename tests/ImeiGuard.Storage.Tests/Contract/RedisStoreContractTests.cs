using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Metrics;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>The store contract on one real redis-server (started by the tests on loopback).</summary>
public sealed class RedisStoreContractTests(RedisFixture redis) : BindingStoreContractTests
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N");

    protected override StoreNode Open(BindingPolicy? policy = null, ImeiGuardMetrics? metrics = null, int rebindLimit = 0) =>
        RedisNode.Open(redis.Configuration, _prefix, policy, metrics, rebindLimit);
}

/// <summary>The store contract on a three-primary Redis Cluster: every script must stay within one slot.</summary>
public sealed class RedisClusterStoreContractTests(RedisClusterFixture cluster) : BindingStoreContractTests
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N");

    protected override StoreNode Open(BindingPolicy? policy = null, ImeiGuardMetrics? metrics = null, int rebindLimit = 0) =>
        RedisNode.Open(cluster.Configuration, _prefix, policy, metrics, rebindLimit);
}
