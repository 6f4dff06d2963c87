using System.Diagnostics;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Radius;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Turns one datagram into a decision: trusted source → framing → authenticators → observation →
/// verdict. Every rejection is counted by reason; nothing here throws out to the socket loop.
/// Allocates nothing per datagram except when a transition writes to the store.
/// </summary>
internal sealed partial class RadiusDatagramProcessor
{
    private readonly TrustedClients _clients;
    private readonly DuplicateRequestCache _duplicates;
    private readonly RadiusOptions _options;
    private readonly BindingEnforcer _enforcer;
    private readonly SessionTable _sessions;
    private readonly ISubscriberDirectory _directory;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ViolationEventLog _violations;
    private readonly TimeProvider _time;
    private readonly ILogger<RadiusDatagramProcessor> _logger;

    public RadiusDatagramProcessor(
        IOptions<RadiusOptions> options,
        BindingEnforcer enforcer,
        SessionTable sessions,
        ISubscriberDirectory directory,
        ImeiGuardMetrics metrics,
        ViolationEventLog violations,
        TimeProvider time,
        ILogger<RadiusDatagramProcessor> logger)
    {
        _options = options.Value;
        _clients = new TrustedClients(_options.EffectiveClients);
        _duplicates = new DuplicateRequestCache(_options.DuplicateCacheCapacity, _options.DuplicateWindow);
        if (_options.Clients.Count == 0)
        {
            Log.LoopbackDefaults(logger);
        }
        _enforcer = enforcer;
        _sessions = sessions;
        _directory = directory;
        _metrics = metrics;
        _violations = violations;
        _time = time;
        _logger = logger;
    }

    public int ClientCount => _clients.Count;

    public void Process(in IngestDatagram datagram, ResponseBatch responses)
    {
        var client = _clients.Match(datagram.Source);
        if (client is null)
        {
            _metrics.DroppedUnknownSource.Inc();
            return;
        }

        try
        {
            Decide(datagram, client, responses);
        }
        catch (Exception ex)
        {
            // A bug or a store failure must cost one datagram, never the worker.
            _metrics.DroppedProcessingError.Inc();
            Log.ProcessingFailed(_logger, client.Name, ex);
        }
    }

    private void Decide(in IngestDatagram datagram, TrustedClient client, ResponseBatch responses)
    {
        // Order of checks (as the corpus defines it): framing, then authenticators, then a missing
        // Acct-Status-Type, which the parser reports with the request otherwise filled in.
        var parseStarted = Stopwatch.GetTimestamp();
        var framing = AccountingRequestParser.TryParse(datagram.Payload, client.ParserOptions, out var request);
        if (framing is not (RadiusParseError.None or RadiusParseError.MissingAcctStatusType))
        {
            Reject(framing, client);
            return;
        }

        var packet = request.Packet;
        var error = client.Secret.Length == 0 ? RadiusParseError.None : RadiusAuthenticator.VerifyRequest(packet, client.Secret);
        if (error == RadiusParseError.None)
        {
            error = framing;
        }

        _metrics.ParseSeconds.Observe(Stopwatch.GetElapsedTime(parseStarted).TotalSeconds);
        if (error != RadiusParseError.None)
        {
            Reject(error, client);
            return;
        }

        if (request.ValueError != RadiusParseError.None)
        {
            // Attribute scope: the value was not trusted and left empty; the rest of the record is used.
            _metrics.Malformed(request.ValueError);
        }

        if (IsOutsideReplayWindow(request))
        {
            _metrics.DroppedStaleEvent.Inc();
            return;
        }

        if (_duplicates.IsDuplicate(datagram.Source, datagram.SourcePort, packet, Environment.TickCount64))
        {
            // A retransmission: our answer was lost or late. Answer again so the NAS stops; decide nothing.
            // Checked after the replay window, so a stale copy is never answered.
            _metrics.Duplicates.Inc();
            AnswerIfSigned(datagram, packet, client, responses);
            return;
        }

        _metrics.AccountingRequests.Inc();
        if (client.Secret.Length == 0)
        {
            _metrics.AcceptedUnverified.Inc();
        }

        AnswerIfSigned(datagram, packet, client, responses);

        TrackSession(request, client);
        if (ObservationMapper.CarriesSubscriber(request.StatusType))
        {
            Observe(request, client);
            _metrics.DecisionSeconds.Observe(Stopwatch.GetElapsedTime(datagram.ReceivedTimestamp).TotalSeconds);
        }
    }

    /// <summary>True when Event-Timestamp lies outside [now - MaxEventAge, now + MaxEventSkew] (RadiusOptions.MaxEventAge).</summary>
    private bool IsOutsideReplayWindow(in AccountingRequest request)
    {
        if (!request.HasEventTimestamp || _options.MaxEventAge <= TimeSpan.Zero)
        {
            return false;
        }

        var ageSeconds = _time.GetUtcNow().ToUnixTimeSeconds() - request.EventTimestamp;
        return ageSeconds > _options.MaxEventAge.TotalSeconds || -ageSeconds > _options.MaxEventSkew.TotalSeconds;
    }

    /// <summary>Start/Interim open or refresh a session, Stop ends it, Accounting-On/Off end all of the NAS's (RFC 2866 §5.1).</summary>
    private void TrackSession(in AccountingRequest request, TrustedClient client)
    {
        var nas = SessionKey.NasKeyOf(request.HasNasIpAddress ? request.NasIpAddress : 0, request.NasIdentifier, client.Name);
        switch (request.StatusType)
        {
            case AcctStatusType.AccountingOn or AcctStatusType.AccountingOff:
                var ended = _sessions.RemoveNas(nas);
                Log.NasRestarted(_logger, client.Name, request.StatusType == AcctStatusType.AccountingOn ? "Accounting-On" : "Accounting-Off", ended);
                break;
            case AcctStatusType.Stop when !request.AcctSessionId.IsEmpty:
                _sessions.Remove(SessionKey.Of(nas, request.AcctSessionId));
                break;
            case AcctStatusType.Start or AcctStatusType.InterimUpdate when !request.AcctSessionId.IsEmpty && !request.Imsi.IsEmpty:
                var update = new SessionUpdate
                {
                    Imsi = request.Imsi,
                    FramedIp = request.HasFramedIpAddress ? request.FramedIpAddress : 0,
                    Ipv6Prefix = request.FramedIpv6Prefix.Prefix,
                    Ipv6PrefixLength = request.FramedIpv6Prefix.IsPresent ? request.FramedIpv6Prefix.PrefixLength : (byte)0,
                    NasIp = request.HasNasIpAddress ? request.NasIpAddress : 0,
                    AtUnixMs = request.HasEventTimestamp ? request.EventTimestamp * 1000L : _time.GetUtcNow().ToUnixTimeMilliseconds(),
                    Device = request.Pei.Device,
                    Location = request.Location,
                };
                if (!_sessions.Upsert(SessionKey.Of(nas, request.AcctSessionId), update))
                {
                    _metrics.SessionsUntracked.Inc();
                }

                break;
        }

        _metrics.SessionsActive.Set(_sessions.Count);
    }

    private void Observe(in AccountingRequest request, TrustedClient client)
    {
        if (request.Imsi.IsEmpty)
        {
            _metrics.ObservationsWithoutImsi.Inc();
            return;
        }

        var observation = ObservationMapper.FromAccountingRequest(request, client.Name, _time.GetUtcNow().ToUnixTimeMilliseconds(), ObservationSource.RadiusAccounting);
        _directory.Learn(observation.Imsi, observation.Msisdn, observation.Pei.Device);

        VerdictKind verdict;
        try
        {
            verdict = _enforcer.Observe(observation);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _metrics.DecisionErrors.Inc();
            Log.DecisionFailed(_logger, client.Name, ex);
            return;
        }

        _metrics.Verdict(verdict);
        _violations.WriteIfViolation(verdict, client.Name, observation.Imsi);
        if (verdict == VerdictKind.Paired)
        {
            Log.Paired(_logger, client.Name);
        }
    }

    /// <summary>Queues the Accounting-Response when configured to and the client has a secret to sign it with.</summary>
    private void AnswerIfSigned(in IngestDatagram datagram, ReadOnlySpan<byte> packet, TrustedClient client, ResponseBatch responses)
    {
        if (client.Secret.Length > 0 && _options.SendResponses)
        {
            var length = RadiusAuthenticator.WriteAccountingResponse(packet, client.Secret, responses.Next);
            if (length > 0)
            {
                responses.Add(length, datagram.Address);
            }
        }
    }

    /// <summary>A batch of Accounting-Responses could not be sent (the NAS retransmits; the duplicate cache answers it).</summary>
    public void ResponseFailed(string error) => Log.ResponseFailed(_logger, error);

    private void Reject(RadiusParseError error, TrustedClient client)
    {
        _metrics.Malformed(error);
        Log.Rejected(_logger, client.Name, new ReasonValue(error));
    }

    /// <summary>Formats the reason code only when the Debug line is actually written.</summary>
    private readonly struct ReasonValue(RadiusParseError error)
    {
        public override string ToString() => RadiusParseErrors.ReasonCode(error);
    }

    private static partial class Log
    {
        // RadiusDatagramProcessor event IDs: 1200-1299 (next free: 1209)
        [LoggerMessage(1201, LogLevel.Debug, "Rejected datagram from {Client}: {Reason}")]
        public static partial void Rejected(ILogger logger, string client, ReasonValue reason);

        [LoggerMessage(1202, LogLevel.Error, "Processing a datagram from {Client} failed")]
        public static partial void ProcessingFailed(ILogger logger, string client, Exception exception);

        [LoggerMessage(1203, LogLevel.Error, "Decision for a record from {Client} failed: the store could not be written; the next record decides again")]
        public static partial void DecisionFailed(ILogger logger, string client, Exception exception);


        [LoggerMessage(1205, LogLevel.Information, "Armed SIM paired with its first device (record from {Client})")]
        public static partial void Paired(ILogger logger, string client);

        [LoggerMessage(1206, LogLevel.Debug, "Sending Accounting-Responses failed: {Error}")]
        public static partial void ResponseFailed(ILogger logger, string error);

        [LoggerMessage(1208, LogLevel.Warning, "No RADIUS clients configured: trusting loopback only (127.0.0.0/8, ::1) with the default secret 'testing123'. Configure ImeiGuard:Radius:Clients for real sources.")]
        public static partial void LoopbackDefaults(ILogger logger);

        [LoggerMessage(1207, LogLevel.Information, "{Status} from {Client}: {Ended} session(s) of that NAS ended")]
        public static partial void NasRestarted(ILogger logger, string client, string status, int ended);
    }
}
