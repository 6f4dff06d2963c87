using System.Buffers;
using System.Buffers.Text;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest.Chf;

/// <summary>
/// One pipeline for CHF records whatever the transport (UDP datagram, NDJSON over TCP, HTTP tap):
/// read the ChargingDataRequest, count problems by reason, keep the session table, decide.
/// </summary>
internal sealed partial class ChfRecordProcessor
{
    // Sessions of CHF records are keyed under one pseudo-NAS; the charging ID names the PDU session.
    private const ulong ChfNasKey = 0x4348_4600_0000_0000UL;

    private readonly BindingEnforcer _enforcer;
    private readonly SessionTable _sessions;
    private readonly ISubscriberDirectory _directory;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ViolationEventLog _violations;
    private readonly TimeProvider _time;
    private readonly ILogger<ChfRecordProcessor> _logger;
    private readonly ChfReaderOptions _readerOptions;

    public ChfRecordProcessor(
        IOptions<ChfOptions> options,
        BindingEnforcer enforcer,
        SessionTable sessions,
        ISubscriberDirectory directory,
        ImeiGuardMetrics metrics,
        ViolationEventLog violations,
        TimeProvider time,
        ILogger<ChfRecordProcessor> logger)
    {
        Sources = new ChfSources(options.Value.EffectiveSources);
        _readerOptions = new ChfReaderOptions { MaxBodyBytes = options.Value.MaxRecordBytes };
        _enforcer = enforcer;
        _sessions = sessions;
        _directory = directory;
        _metrics = metrics;
        _violations = violations;
        _time = time;
        _logger = logger;
    }

    public ChfSources Sources { get; }

    public ChfParseError Process(ReadOnlySpan<byte> json, ChfRequestKind kind, string source)
    {
        var error = ChfRecordReader.TryRead(json, kind, _readerOptions, out var record);
        return Complete(error, record, source);
    }

    public ChfParseError Process(in ReadOnlySequence<byte> json, ChfRequestKind kind, string source)
    {
        var error = ChfRecordReader.TryRead(json, kind, _readerOptions, out var record);
        return Complete(error, record, source);
    }

    private ChfParseError Complete(ChfParseError error, in ChargingDataRecord record, string source)
    {
        if (error != ChfParseError.None)
        {
            _metrics.ChfMalformed(error);
            return error;
        }

        _metrics.ChfRecords.Inc();
        try
        {
            Decide(record, source);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _metrics.DecisionErrors.Inc();
            Log.DecisionFailed(_logger, source, ex);
        }

        return ChfParseError.None;
    }

    private void Decide(in ChargingDataRecord record, string source)
    {
        if (record.Imsi.IsEmpty)
        {
            _metrics.ObservationsWithoutImsi.Inc();
            return;
        }

        var at = record.InvocationTimeUnixMs != 0 ? record.InvocationTimeUnixMs : _time.GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> chargingId = stackalloc byte[10];
        var hasSession = Utf8Formatter.TryFormat(record.EffectiveChargingId, chargingId, out var idLength) && record.EffectiveChargingId != 0;
        var sessionId = hasSession ? chargingId[..idLength] : default;
        if (hasSession)
        {
            var key = SessionKey.Of(ChfNasKey, sessionId);
            if (record.Kind == ChfRequestKind.Release)
            {
                _sessions.Remove(key);
            }
            else if (!_sessions.Upsert(key, SessionUpdateOf(record, at)))
            {
                _metrics.SessionsUntracked.Inc();
            }
        }

        var msisdn = Msisdn.FromPacked(record.MsisdnPacked);
        _directory.Learn(record.Imsi, msisdn, record.Pei.Device);
        var observation = new Observation
        {
            Imsi = record.Imsi,
            Msisdn = msisdn,
            Pei = record.Pei,
            Location = record.Location,
            AtUnixMs = at,
            Source = ObservationSource.ChfRecord,
            SessionId = sessionId,
            SourceName = source,
        };
        var verdict = _enforcer.Observe(observation);
        _metrics.Verdict(verdict);
        _violations.WriteIfViolation(verdict, source, observation.Imsi);
    }

    /// <summary>
    /// The session facts of a record. A PDU session's IPv6 prefix is a /64 (TS 23.501 §5.8.2.2.3) unless the record
    /// says otherwise (pduAddressprefixlength).
    /// </summary>
    private static SessionUpdate SessionUpdateOf(in ChargingDataRecord record, long atUnixMs) => new()
    {
        Imsi = record.Imsi,
        FramedIp = record.HasUeIpv4 ? record.UeIpv4 : 0,
        Ipv6Prefix = record.UeIpv6,
        Ipv6PrefixLength = !record.HasUeIpv6 ? (byte)0 : record.HasUeIpv6PrefixLength && record.UeIpv6PrefixLength is > 0 and <= 128 ? record.UeIpv6PrefixLength : (byte)64,
        AtUnixMs = atUnixMs,
        Device = record.Pei.Device,
        Location = record.Location,
    };

    private static partial class Log
    {
        // ChfRecordProcessor event IDs: 1400-1499 (next free: 1403)
        [LoggerMessage(1401, LogLevel.Error, "Decision for a CHF record from {Source} failed: the store could not be written; the next record decides again")]
        public static partial void DecisionFailed(ILogger logger, string source, Exception exception);

    }
}
