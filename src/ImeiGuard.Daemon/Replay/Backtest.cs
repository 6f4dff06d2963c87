using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// <c>replay</c> without <c>--json</c>: decides every accepted Start/Interim/Stop record of a capture with the
/// daemon's <see cref="BindingEnforcer"/>, exactly as the live path does, and keeps the violations for the
/// summary. Per record it allocates nothing, except when a decision changes a binding (as live).
/// </summary>
internal sealed class Backtest(
    RadiusClassifier classifier,
    ReplayStatistics statistics,
    BindingEnforcer enforcer,
    ISubscriberDirectory directory,
    TimeProvider time,
    bool learnIdentities) : IDatagramSink
{
    /// <summary>The evidence source name of records accepted without a secret.</summary>
    private const string UnverifiedSourceName = "replay";

    private readonly List<ReplayViolation> _violations = [];

    /// <summary>New violations (one per episode), in capture order.</summary>
    public IReadOnlyList<ReplayViolation> Violations => _violations;

    /// <summary>The first store failure, when decisions could not be written (only with <c>--apply</c>).</summary>
    public Exception? FirstDecisionError { get; private set; }

    public void OnDatagram(scoped in CapturedDatagram datagram)
    {
        switch (classifier.Direction(datagram))
        {
            case RadiusDirection.Request:
                break;
            case RadiusDirection.Response:
                statistics.CountResponse();
                return;
            default:
                statistics.CountOther();
                return;
        }

        var error = classifier.ClassifyRequest(datagram, out var request, out var secret);
        statistics.CountRequest(error, secret is not null);

        // As live: a framing or authenticator problem or a missing Acct-Status-Type drops the request; a value
        // error left that one value empty and the rest of the record is used.
        if (RadiusParseErrors.IsDatagramScope(error) || !ObservationMapper.CarriesSubscriber(request.StatusType))
        {
            return;
        }

        if (request.Imsi.IsEmpty)
        {
            statistics.CountWithoutImsi();
            return;
        }

        var captured = datagram.TimestampUnixNanoseconds != 0
            ? datagram.TimestampUnixNanoseconds / 1_000_000
            : time.GetUtcNow().ToUnixTimeMilliseconds();
        var observation = ObservationMapper.FromAccountingRequest(request, secret?.SourceName ?? UnverifiedSourceName, captured, ObservationSource.Replay);
        // The learned MSISDN/IMEI pairings only name the subscriber in the commands a transition writes. A dry run
        // writes none, and three map lookups per record were a fifth of its time (docs/performance.md), so it skips them.
        if (learnIdentities)
        {
            directory.Learn(observation.Imsi, observation.Msisdn, observation.Pei.Device);
        }

        VerdictKind verdict;
        try
        {
            verdict = enforcer.Observe(observation);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As live: the store could not record a transition; nothing changed and the next record decides again.
            statistics.CountDecisionError();
            FirstDecisionError ??= e;
            return;
        }

        statistics.CountVerdict(verdict);
        if (verdict == VerdictKind.Violation)
        {
            var bound = enforcer.FindWithoutFirstSeen(observation.Imsi)?.BoundImei ?? default;
            _violations.Add(new ReplayViolation(observation.Imsi, bound, observation.Pei, observation.AtUnixMs, datagram.FrameNumber, observation.NasIp));
        }
    }
}
