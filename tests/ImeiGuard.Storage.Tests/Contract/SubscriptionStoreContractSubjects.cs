namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>The subscription contract on the embedded store: a real SQLite file in a temporary directory.</summary>
public sealed class SqliteSubscriptionStoreContractTests : SubscriptionStoreContractTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imeiguard-subscriptions-").FullName;

    private protected override SubscriptionNode Open() => new SubscriptionNode.Sqlite(Path.Combine(_dir, "imeiguard.db"), _clock);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>The subscription contract on one real redis-server (started by the tests on loopback).</summary>
public sealed partial class RedisSubscriptionStoreContractTests(RedisFixture redis) : SubscriptionStoreContractTests
{
    private readonly RedisFixture _redis = redis;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N");

    private protected override SubscriptionNode Open() => Open("node-a");
}

/// <summary>The subscription contract on a three-primary Redis Cluster: the SIM's slot and the {camara} slot differ.</summary>
public sealed class RedisClusterSubscriptionStoreContractTests(RedisClusterFixture cluster) : SubscriptionStoreContractTests
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N");

    private protected override SubscriptionNode Open() => new SubscriptionNode.Redis(cluster.Configuration, _prefix, "node-a", _clock);
}
