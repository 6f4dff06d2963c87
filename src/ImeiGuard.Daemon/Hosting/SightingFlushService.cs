using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Metrics;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Writes last-seen data behind the hot path at a fixed interval and once more at shutdown, and
/// refreshes the bindings-by-state gauge. Last-seen is informational, so a crash loses at most one interval.
/// </summary>
internal sealed partial class SightingFlushService : BackgroundService
{
    private static readonly string[] StateNames = ["disabled", "armed", "locked", "violated"];
    private readonly BindingEnforcer _enforcer;
    private readonly ImeiGuardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<SightingFlushService> _logger;

    public SightingFlushService(BindingEnforcer enforcer, ImeiGuardMetrics metrics, TimeProvider time, IOptions<ImeiGuardOptions> options, ILogger<SightingFlushService> logger)
    {
        _enforcer = enforcer;
        _metrics = metrics;
        _time = time;
        _interval = options.Value.SightingFlushInterval;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                FlushOnce();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        FlushOnce();
    }

    private void FlushOnce()
    {
        try
        {
            var started = _time.GetTimestamp();
            var written = _enforcer.FlushSightings();
            if (written > 0)
            {
                _metrics.SightingFlushSeconds.Observe(_time.GetElapsedTime(started).TotalSeconds);
                _metrics.SightingsWritten.Inc(written);
            }

            Span<int> counts = stackalloc int[StateNames.Length];
            _enforcer.CountByState(counts);
            for (var i = 0; i < StateNames.Length; i++)
            {
                _metrics.Bindings.WithLabels(StateNames[i]).Set(counts[i]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.FlushFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        // SightingFlushService event IDs: 1300-1399 (next free: 1302)
        [LoggerMessage(1301, LogLevel.Warning, "Writing last-seen data failed; it is retried at the next interval")]
        public static partial void FlushFailed(ILogger logger, Exception exception);
    }
}
