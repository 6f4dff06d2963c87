using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Redis;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>One instance with CAMARA subscriptions on a store: its subscription store and an enforcer whose transitions queue their events.</summary>
internal abstract class SubscriptionNode : IDisposable
{
    public ISubscriptionStore Subscriptions { get; protected init; } = null!;

    public BindingEnforcer Enforcer { get; protected init; } = null!;

    public abstract void Dispose();

    /// <summary>The embedded store: the subscription store is the binding store's transition hook.</summary>
    public sealed class Sqlite : SubscriptionNode
    {
        private readonly SqliteDatabase _database;

        public Sqlite(string path, TimeProvider clock)
        {
            _database = new SqliteDatabase(path);
            var subscriptions = new SqliteSubscriptionStore(_database, new CloudEventWriter("/test", clock), clock);
            Subscriptions = subscriptions;
            Enforcer = new BindingEnforcer(new SqliteBindingStore(_database, hook: subscriptions), new SubscriberDirectory(new SqliteSubscriberRegistry(_database)), clock);
            Enforcer.Load();
        }

        public override void Dispose()
        {
            _database.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Redis: its own connection (a new node is a restart) under the test's key prefix, with a consumer name of its own.</summary>
    public sealed class Redis : SubscriptionNode
    {
        private readonly RedisConnection _redis;

        public Redis(string configuration, string keyPrefix, string instance, TimeProvider clock, TimeSpan? claimIdleTime = null)
        {
            _redis = new RedisConnection(new RedisOptions { Configuration = configuration, KeyPrefix = keyPrefix, InstanceName = instance });
            var subscriptions = new RedisSubscriptionStore(_redis, new CloudEventWriter("/test", clock), clock, claimIdleTime ?? TimeSpan.FromSeconds(30));
            Subscriptions = subscriptions;
            Store = new RedisBindingStore(_redis, new RedisOutboxStore(_redis, TimeSpan.FromSeconds(30)), subscriptions: subscriptions);
            Enforcer = new BindingEnforcer(Store, new SubscriberDirectory(new StoreNode.MemoryRegistry()), clock);
            Enforcer.Load();
        }

        public RedisBindingStore Store { get; }

        public StackExchange.Redis.IDatabase Database => _redis.Database;

        public override void Dispose() => _redis.Dispose();
    }
}
