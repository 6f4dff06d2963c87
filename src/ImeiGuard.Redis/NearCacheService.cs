using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// Keeps the near-cache honest: fetches missed SIMs in pipelined batches, applies the invalidations other
/// instances publish, notices Redis coming back (then resynchronises the near-cache and decides the held
/// records), and sweeps for commands a crashed instance owed to the outbox.
/// </summary>
public sealed partial class NearCacheService : BackgroundService
{
    // How often the connection state is looked at: the bound on noticing that Redis is back.
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly NearCache _cache;
    private readonly BindingEnforcer _enforcer;
    private readonly RedisBindingStore _store;
    private readonly RedisConnection _redis;
    private readonly RedisOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NearCacheService> _logger;

    public NearCacheService(NearCache cache, BindingEnforcer enforcer, RedisBindingStore store, RedisConnection redis, RedisOptions options, TimeProvider time, ILogger<NearCacheService> logger)
    {
        _cache = cache;
        _enforcer = enforcer;
        _store = store;
        _redis = redis;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.Multiplexer.GetSubscriber().SubscribeAsync(_redis.Keys.Invalidations, OnInvalidation);
        await Task.WhenAll(FetchLoopAsync(stoppingToken), WatchLoopAsync(stoppingToken));
    }

    /// <summary>Drains the fetch queue in batches of at most FetchBatchSize: one pipelined burst per batch.</summary>
    private async Task FetchLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Imsi>(_options.FetchBatchSize);
        try
        {
            while (await _cache.ToFetch.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < _options.FetchBatchSize && _cache.ToFetch.TryRead(out var packed))
                {
                    batch.Add(Imsi.FromPacked(packed));
                }

                try
                {
                    await FetchAsync(batch);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Nothing else fetches: an unexpected failure fails this batch (as an outage would) and the loop goes on.
                    Log.FetchPassFailed(_logger, ex);
                    foreach (var imsi in batch)
                    {
                        _cache.Fail(imsi.Packed);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FetchAsync(List<Imsi> batch)
    {
        BindingRecord?[] records;
        try
        {
            records = await _store.FindManyAsync(batch);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or RedisException)
        {
            Log.FetchFailed(_logger, batch.Count, ex.Message);
            foreach (var imsi in batch)
            {
                _cache.Fail(imsi.Packed);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (records[i] is { } record)
            {
                _enforcer.Adopt(record);
            }

            if (_cache.Complete(batch[i].Packed, absent: records[i] is null) is { } waiting)
            {
                _cache.Release(waiting);
            }
        }
    }

    /// <summary>"instance|imsi" from another instance (or the control plane behind it).</summary>
    private void OnInvalidation(RedisChannel channel, RedisValue message)
    {
        var text = message.ToString();
        var bar = text.LastIndexOf('|');
        if (bar <= 0 || text.AsSpan(0, bar).SequenceEqual(_redis.InstanceName) || !Imsi.TryParse(text[(bar + 1)..], out var imsi))
        {
            return;
        }

        _cache.Invalidate(imsi.Packed, _enforcer.Holds(imsi));
    }

    /// <summary>
    /// Once a second: the connected gauge, and on a down-to-up change a resynchronisation (invalidations were
    /// missed meanwhile) and an orphan sweep; otherwise the sweep every OrphanSweepInterval.
    /// </summary>
    private async Task WatchLoopAsync(CancellationToken stoppingToken)
    {
        var wasConnected = _redis.IsConnected;
        var nextSweep = _time.GetUtcNow();
        using var timer = new PeriodicTimer(WatchInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    (wasConnected, nextSweep) = Watch(wasConnected, nextSweep);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // This loop decides the held records and sweeps for owed commands: one bad pass must not end it.
                    Log.WatchFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One look at the connection; returns the state the next look compares with.</summary>
    private (bool WasConnected, DateTimeOffset NextSweep) Watch(bool wasConnected, DateTimeOffset nextSweep)
    {
        var connected = _redis.IsConnected;
        if (connected && !wasConnected)
        {
            Log.Resynchronising(_logger, _cache.Held);
            _cache.Resynchronise(_enforcer.HeldSims().Select(static i => i.Packed));
            nextSweep = _time.GetUtcNow();
        }
        else if (connected && _cache.Held > 0)
        {
            // Held while the connection flickered faster than this loop looks: decide them now.
            _cache.Resynchronise([]);
        }

        if (!connected && wasConnected)
        {
            Log.Lost(_logger);
        }

        if (connected && _time.GetUtcNow() >= nextSweep)
        {
            nextSweep = _time.GetUtcNow() + _options.OrphanSweepInterval;
            Sweep();
        }

        return (connected, nextSweep);
    }

    private void Sweep()
    {
        try
        {
            if (_store.RelayOrphanedCommands() is > 0 and var relayed)
            {
                Log.OrphansRelayed(_logger, relayed);
            }
        }
        catch (Exception ex) when (ex is StoreUnavailableException || RedisConnection.IsUnavailable(ex))
        {
            Log.SweepFailed(_logger, ex.Message);
        }
    }

    private static partial class Log
    {
        // NearCacheService event IDs: 3100-3199 (next free: 3108)
        [LoggerMessage(3101, LogLevel.Warning, "Redis fetch of {Count} binding(s) failed: {Error}; their records follow the outage policy")]
        public static partial void FetchFailed(ILogger logger, int count, string error);

        [LoggerMessage(3102, LogLevel.Warning, "Redis is back: resynchronising the near-cache and deciding {Held} held record(s)")]
        public static partial void Resynchronising(ILogger logger, int held);

        [LoggerMessage(3103, LogLevel.Error, "Redis is unreachable: deciding from the near-cache; transitions and unknown SIMs are held or let through as configured")]
        public static partial void Lost(ILogger logger);

        [LoggerMessage(3104, LogLevel.Warning, "Relayed {Count} command(s) or CAMARA notification(s) that a transition owed (an instance stopped between the two steps)")]
        public static partial void OrphansRelayed(ILogger logger, int count);

        [LoggerMessage(3105, LogLevel.Warning, "Sweep for owed commands and notifications failed: {Error}")]
        public static partial void SweepFailed(ILogger logger, string error);

        [LoggerMessage(3106, LogLevel.Error, "Near-cache watch pass failed; the next pass, a second later, tries again")]
        public static partial void WatchFailed(ILogger logger, Exception exception);

        [LoggerMessage(3107, LogLevel.Error, "Near-cache fetch pass failed; its SIMs' records follow the outage policy")]
        public static partial void FetchPassFailed(ILogger logger, Exception exception);
    }
}
