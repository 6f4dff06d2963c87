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
}
