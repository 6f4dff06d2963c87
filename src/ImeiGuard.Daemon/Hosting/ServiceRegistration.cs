using ImeiGuard.Core.Audit;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Camara;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.Auth;
using ImeiGuard.Daemon.ControlPlane.Hardening;
using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Daemon.Ingest.Chf;
using ImeiGuard.Oss;
using ImeiGuard.Redis;
using ImeiGuard.Storage;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>Wires the daemon: options, embedded store, decision pipeline, ingest, delivery, control plane.</summary>
internal static class ServiceRegistration
{
    /// <summary>CHF records: the processor always (the HTTP tap uses it); UDP and TCP listeners only when their port is set.</summary>
    private static void AddChfIngest(this IServiceCollection services)
    {
        services.AddSingleton<ChfRecordProcessor>();
        services.AddSingleton<ChfUdpListener>();
        services.AddSingleton<ChfTcpListener>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<IOptions<ChfOptions>>().Value.UdpPort > 0
            ? sp.GetRequiredService<ChfUdpListener>() : new IdleService());
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<IOptions<ChfOptions>>().Value.TcpPort > 0
            ? sp.GetRequiredService<ChfTcpListener>() : new IdleService());
    }

    /// <summary>
    /// Bindings and outbox: the embedded SQLite store, or Redis for a fleet (ImeiGuard:Store=Redis). Operations and
    /// registered subscribers stay in the embedded database either way.
    /// </summary>
    private static void AddBindingStore(this IServiceCollection services, bool usesRedis)
    {
        if (usesRedis)
        {
            services.AddImeiGuardRedisStore(static sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.CloneWindow);
            return;
        }

        // CAMARA notifications are queued in the transition's own transaction (the subscription store is the hook).
        services.AddSingleton<IBindingStore>(static sp => new SqliteBindingStore(
            sp.GetRequiredService<SqliteDatabase>(),
            (long)sp.GetRequiredService<IOptions<PolicyOptions>>().Value.CloneWindow.TotalMilliseconds,
            sp.GetRequiredService<SqliteSubscriptionStore>()));
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
    }

    /// <summary>Stands in for a listener that is switched off.</summary>
    private sealed class IdleService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public static IServiceCollection AddImeiGuard(this IServiceCollection services, bool usesRedis)
    {
        services.AddOptions<ImeiGuardOptions>().BindConfiguration("ImeiGuard")
            .Validate(static o => o.LearnedIdentifierCapacity > 0, "ImeiGuard:LearnedIdentifierCapacity > 0")
            // The cloned-IMEI check compares stored last-seen times with CloneWindow: they must be finer than it.
            .Validate<IOptions<PolicyOptions>>(
                static (o, policy) => o.LastSeenResolution >= TimeSpan.Zero && o.LastSeenResolution < policy.Value.CloneWindow,
                "ImeiGuard:LastSeenResolution >= 0 and below ImeiGuard:Policy:CloneWindow")
            .ValidateOnStart();
        services.AddOptions<RadiusOptions>().BindConfiguration("ImeiGuard:Radius")
            .Validate(static o => o.Port is >= 0 and <= 65535 && o.QueueCapacity > 0 && o.Workers > 0 && o.SessionCapacity > 0 && o.DuplicateCacheCapacity >= 0,
                "ImeiGuard:Radius: Port 0..65535, QueueCapacity > 0, Workers > 0, SessionCapacity > 0, DuplicateCacheCapacity >= 0")
            .ValidateOnStart();
        services.AddOptions<ChfOptions>().BindConfiguration("ImeiGuard:Chf")
            .Validate(static o => o.UdpPort is >= 0 and <= 65535 && o.TcpPort is >= 0 and <= 65535 && o.MaxRecordBytes > 0, "ImeiGuard:Chf: ports 0..65535, MaxRecordBytes > 0")
            .ValidateOnStart();
        services.AddOptions<HealthOptions>().BindConfiguration("ImeiGuard:Health");
        services.AddOptions<PolicyOptions>().BindConfiguration("ImeiGuard:Policy")
            .Validate(static o => Enum.IsDefined(o.OnMismatch) && Enum.IsDefined(o.OnMissingImei) && Enum.IsDefined(o.OnUnknownLocation) && o.MinEpisodeInterval >= TimeSpan.Zero && o.MinEpisodeInterval <= TimeSpan.FromDays(1)
                    && o.CloneWindow > TimeSpan.Zero && o.CloneWindow <= TimeSpan.FromDays(1)
                    && o.RebindLimit >= 0 && o.RebindPeriod > TimeSpan.Zero,
                "ImeiGuard:Policy: OnMismatch Block|Alert|DryRun, OnMissingImei and OnUnknownLocation Allow|Alert|Block, MinEpisodeInterval 0..1 day, CloneWindow (0, 1 day], RebindLimit >= 0, RebindPeriod > 0")
            .ValidateOnStart();
        services.AddOptions<ControlPlaneOptions>().BindConfiguration("ImeiGuard:ControlPlane").ValidateOnStart();
        services.AddOptions<TenantsOptions>().BindConfiguration("ImeiGuard")
            .Validate(static o => o.IsValid(), "ImeiGuard:Tenants:*:Policy: OnMismatch Block|Alert|DryRun, OnMissingImei and OnUnknownLocation Allow|Alert|Block, MinEpisodeInterval 0..1 day")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(static _ => new ImeiGuardMetrics(Metrics.DefaultRegistry));

        services.AddSingleton(static sp =>
        {
            var dataDirectory = sp.GetRequiredService<IOptions<ImeiGuardOptions>>().Value.DataDirectory;
            return new SqliteDatabase(Path.Combine(dataDirectory, "imeiguard.db"));
        });
        services.AddBindingStore(usesRedis);
        services.AddSingleton<IOperationStore, SqliteOperationStore>();
        services.AddSingleton<SqliteSubscriberRegistry>();
        services.AddSingleton<ISubscriberRegistry>(static sp => sp.GetRequiredService<SqliteSubscriberRegistry>());
        services.AddSingleton<ISubscriberInventory>(static sp => sp.GetRequiredService<SqliteSubscriberRegistry>());
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IBindingQueries, SqliteBindingQueries>();
        services.AddSingleton<ControlPlaneAudit>();
        services.AddSingleton<ISubscriberDirectory>(static sp =>
        {
            var evicted = sp.GetRequiredService<ImeiGuardMetrics>().LearnedIdentifiersEvicted;
            return new SubscriberDirectory(
                sp.GetRequiredService<ISubscriberRegistry>(),
                sp.GetRequiredService<IOptions<ImeiGuardOptions>>().Value.LearnedIdentifierCapacity,
                n => evicted.Inc(n));
        });
        services.AddSingleton(sp => new CellDatabaseSource(
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.CellDatabasePath,
            sp.GetRequiredService<IOptions<ImeiGuardOptions>>().Value.DataDirectory));
        services.AddSingleton(sp =>
        {
            var enforcer = new BindingEnforcer(
                sp.GetRequiredService<IBindingStore>(),
                sp.GetRequiredService<ISubscriberDirectory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ImeiGuardMetrics>(),
                sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy(),
                sp.GetRequiredService<IOptions<PolicyOptions>>().Value.RebindLimit,
                sp.GetRequiredService<IOptions<PolicyOptions>>().Value.RebindPeriod,
                sp.GetRequiredService<CellDatabaseSource>().LoadAtStart(),
                sp.GetService<IDeferredDecisions>(),
                sp.GetRequiredService<IOptions<TenantsOptions>>().Value.ToPolicies(),
                sp.GetRequiredService<IOptions<ImeiGuardOptions>>().Value.LastSeenResolution);
            // The embedded store is loaded whole; a Redis near-cache fills itself on first sight of each SIM.
            if (!usesRedis)
            {
                enforcer.Load();
            }

            return enforcer;
        });

        services.AddSingleton(static sp =>
        {
            var radius = sp.GetRequiredService<IOptions<RadiusOptions>>().Value;
            var evicted = sp.GetRequiredService<ImeiGuardMetrics>().SessionsEvicted;
            return new SessionTable(radius.SessionCapacity, radius.SessionIdleTimeout, n => evicted.Inc(n));
        });
        services.AddSingleton<LockOperationService>();
        services.AddHostedService(static sp => sp.GetRequiredService<LockOperationService>());
        services.AddSingleton<ViolationEventLog>();
        services.AddSingleton<RadiusDatagramProcessor>();
        services.AddSingleton<RadiusUdpListener>();
        services.AddHostedService(static sp => sp.GetRequiredService<RadiusUdpListener>());
        services.AddHostedService<SightingFlushService>();
        services.AddHostedService<DeferredDecisionService>();
        services.AddChfIngest();

        services.AddImeiGuardEnforcement();

        services.AddControlPlaneAuthentication();
        services.AddControlPlaneHardening();
        services.AddCamara();
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DaemonJsonContext.Default));
        return services;
    }
}
