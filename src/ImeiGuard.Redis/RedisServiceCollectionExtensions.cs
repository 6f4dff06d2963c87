using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Redis;

/// <summary>Registers the Redis store in place of the embedded one (ImeiGuard:Store=Redis).</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Binds "ImeiGuard:Redis" and registers the connection, the binding, outbox and CAMARA subscription stores, the near-cache
    /// (<see cref="IDeferredDecisions"/>) and its background service. <paramref name="cloneWindow"/> reads the clone window.
    /// </summary>
    public static IServiceCollection AddImeiGuardRedisStore(this IServiceCollection services, Func<IServiceProvider, TimeSpan> cloneWindow)
    {
        services.AddOptions<RedisOptions>().BindConfiguration("ImeiGuard:Redis")
            .Validate(static o => !string.IsNullOrWhiteSpace(o.Configuration) && !string.IsNullOrWhiteSpace(o.InstanceName) && !string.IsNullOrWhiteSpace(o.KeyPrefix)
                    && o.DeferredCapacity > 0 && o.AbsentCapacity > 1 && o.FetchBatchSize > 0 && o.ClaimIdleTime > TimeSpan.Zero
                    && o.OrphanSweepInterval > TimeSpan.Zero && o.SyncTimeout > TimeSpan.Zero && Enum.IsDefined(o.OnUnknownSimWhileDown),
                "ImeiGuard:Redis: Configuration, InstanceName and KeyPrefix set; capacities, batch size and times positive; OnUnknownSimWhileDown FailOpen|FailClosed")
            .ValidateOnStart();
        services.AddSingleton(static sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value);
        EnsureThreadPoolHeadroom();
        services.AddSingleton(static sp => new RedisConnection(sp.GetRequiredService<RedisOptions>(), sp.GetRequiredService<ImeiGuardMetrics>()));
        services.AddSingleton(static sp =>
        {
            var directory = sp.GetRequiredService<ISubscriberDirectory>();
            return new RedisOutboxStore(
                sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<RedisOptions>().ClaimIdleTime,
                imsi => directory.TenantOf(Imsi.FromPacked(imsi)));
        });
        services.AddSingleton<IOutboxStore>(static sp => sp.GetRequiredService<RedisOutboxStore>());
        // The daemon registers the CloudEventWriter (ImeiGuard:Camara:Notifications:EventSource).
        services.AddSingleton(static sp => new RedisSubscriptionStore(
            sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<CloudEventWriter>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RedisOptions>().ClaimIdleTime));
        services.AddSingleton<ISubscriptionStore>(static sp => sp.GetRequiredService<RedisSubscriptionStore>());
        services.AddSingleton(sp => new RedisBindingStore(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<RedisOutboxStore>(),
            (long)cloneWindow(sp).TotalMilliseconds,
            sp.GetRequiredService<RedisSubscriptionStore>()));
        services.AddSingleton<IBindingStore>(static sp => sp.GetRequiredService<RedisBindingStore>());
        services.AddSingleton(static sp =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            return new NearCache(() => redis.IsConnected, sp.GetRequiredService<RedisOptions>(), sp.GetRequiredService<ImeiGuardMetrics>());
        });
        services.AddSingleton<IDeferredDecisions>(static sp => sp.GetRequiredService<NearCache>());
        services.AddHostedService<NearCacheService>();
        return services;
    }

    /// <summary>
    /// The store's calls are synchronous (a decision or an admin write waits for its compare-and-set), and each one
    /// that waits holds a thread-pool thread while the socket completion that would release it is queued behind it on
    /// the same pool. With the runtime's minimum of one worker per core, a few concurrent waits on a 2-core machine
    /// starved the pool until StackExchange.Redis reported timeouts with the reply already in the socket ("in: 75",
    /// "WORKER: Busy=4, Min=2, QueuedItems=7"). A higher minimum lets the pool add threads at once instead of one per
    /// half second; threads that are not needed are never created.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        const int MinWorkers = 64;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkers)
        {
            ThreadPool.SetMinThreads(MinWorkers, completionPorts);
        }
    }
}
