using System.Diagnostics;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Metrics;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// The one multiplexer of the process (StackExchange.Redis shares it between threads and pipelines concurrent
/// calls), with what the rest needs around it: availability (the connected gauge, /readyz), timing of every
/// call (the round-trip histogram), and the mapping of connection failures to <see cref="StoreUnavailableException"/>,
/// thrown at once while the connection is known to be down rather than after a timeout.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ImeiGuardMetrics? _metrics;

    public RedisConnection(RedisOptions options, ImeiGuardMetrics? metrics = null)
    {
        _metrics = metrics;
        var config = ConfigurationOptions.Parse(options.Configuration);
        // Start even when Redis is down (the near-cache decides meanwhile) and keep reconnecting.
        config.AbortOnConnectFail = false;
        config.SyncTimeout = (int)options.SyncTimeout.TotalMilliseconds;
        config.AsyncTimeout = (int)options.SyncTimeout.TotalMilliseconds;
        config.ConnectTimeout = Math.Min(5000, (int)options.SyncTimeout.TotalMilliseconds * 2);
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.ClientName = "imeiguard-" + options.InstanceName;
        Multiplexer = ConnectionMultiplexer.Connect(config);
        Keys = new RedisKeys(options.KeyPrefix);
        InstanceName = options.InstanceName;
        Multiplexer.ConnectionFailed += (_, _) => UpdateGauge();
        Multiplexer.ConnectionRestored += (_, _) =>
        {
            UpdateGauge();
            Restored?.Invoke(this, EventArgs.Empty);
        };
        UpdateGauge();
    }

    public IConnectionMultiplexer Multiplexer { get; }

    internal RedisKeys Keys { get; }

    public string InstanceName { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>True while at least one connection to Redis is up.</summary>
    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>Raised when a connection comes back: invalidations may have been missed meanwhile.</summary>
    public event EventHandler? Restored;

    /// <summary>A PING, for readiness.</summary>
    public bool IsReachable()
    {
        try
        {
            return IsConnected && Run(static db => db.Ping()) >= TimeSpan.Zero;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Runs one synchronous call, timed; connection trouble becomes <see cref="StoreUnavailableException"/>.</summary>
    internal T Run<T>(Func<IDatabase, T> call)
    {
        if (!Multiplexer.IsConnected)
        {
            throw new StoreUnavailableException("Redis is not connected");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return call(Multiplexer.GetDatabase());
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            UpdateGauge();
            throw new StoreUnavailableException("Redis call failed: " + ex.Message, ex);
        }
        finally
        {
            _metrics?.RedisRoundTripSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Runs one Lua script (EVALSHA after the first use), timed and mapped like <see cref="Run{T}"/>.</summary>
    internal RedisResult Script(string script, RedisKey[] keys, RedisValue[] values) =>
        Run(db => db.ScriptEvaluate(script, keys, values));

    /// <summary>The asynchronous form, for the background loops (near-cache fetches, outbox passes).</summary>
    internal async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call)
    {
        if (!Multiplexer.IsConnected)
        {
            throw new StoreUnavailableException("Redis is not connected");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call(Multiplexer.GetDatabase());
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            UpdateGauge();
            throw new StoreUnavailableException("Redis call failed: " + ex.Message, ex);
        }
        finally
        {
            _metrics?.RedisRoundTripSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// Failures that say "not now" rather than "no": the connection, a timeout, or a server that is up but cannot
    /// serve yet. A restarted Redis answers LOADING until its data set is read back (seconds to minutes for a large
    /// one), a cluster answers CLUSTERDOWN or TRYAGAIN while slots move and MASTERDOWN or READONLY around a
    /// failover, and BUSY while a script runs too long. Each is retried later like a lost connection; as plain
    /// server errors they would have failed the decision and dropped the record.
    /// </summary>
    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => TransientReplies.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal)),
        // The library's synchronous SCAN enumeration wraps what its asynchronous calls threw.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };

    private static readonly string[] TransientReplies = ["LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY"];

    private void UpdateGauge() => _metrics?.RedisConnected.Set(Multiplexer.IsConnected ? 1 : 0);

    public void Dispose() => Multiplexer.Dispose();
}
