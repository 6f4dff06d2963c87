using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Ingest;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Decides the records a Redis near-cache deferred (a SIM it had to fetch first, or a transition held while
/// Redis was down), once they can be: the same verdict, counters and violation line as on the ingest path.
/// Idle with the embedded store, which defers nothing.
/// </summary>
internal sealed partial class DeferredDecisionService : BackgroundService
{
    private readonly IDeferredDecisions? _deferred;
    private readonly BindingEnforcer _enforcer;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ViolationEventLog _violations;
    private readonly ILogger<DeferredDecisionService> _logger;

    public DeferredDecisionService(BindingEnforcer enforcer, ImeiGuardMetrics metrics, ViolationEventLog violations, ILogger<DeferredDecisionService> logger, IDeferredDecisions? deferred = null)
    {
        _deferred = deferred;
        _enforcer = enforcer;
        _metrics = metrics;
        _violations = violations;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_deferred is null)
        {
            return;
        }

        try
        {
            await foreach (var copy in _deferred.Ready.ReadAllAsync(stoppingToken))
            {
                Decide(copy);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Decide(DeferredObservation copy)
    {
        var source = copy.SourceName ?? "-";
        VerdictKind verdict;
        try
        {
            verdict = _enforcer.Observe(copy.ToObservation());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _metrics.DecisionErrors.Inc();
            Log.DecisionFailed(_logger, source, ex);
            return;
        }

        _metrics.Verdict(verdict);
        _violations.WriteIfViolation(verdict, source, copy.Imsi);
    }

    private static partial class Log
    {
        // DeferredDecisionService event IDs: 1700-1749 (next free: 1702)
        [LoggerMessage(1701, LogLevel.Error, "Deferred decision for a record from {Source} failed; the next record decides again")]
        public static partial void DecisionFailed(ILogger logger, string source, Exception exception);
    }
}
