using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Identifiers;
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
    private readonly RadiusOptions _options;
    private readonly BindingEnforcer _enforcer;
    private readonly ISubscriberDirectory _directory;
    private readonly ImeiGuardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RadiusDatagramProcessor> _logger;
    private readonly RadiusParserOptions _parserOptions = RadiusParserOptions.Default;

    public RadiusDatagramProcessor(
        IOptions<RadiusOptions> options,
        BindingEnforcer enforcer,
        ISubscriberDirectory directory,
        ImeiGuardMetrics metrics,
        TimeProvider time,
        ILogger<RadiusDatagramProcessor> logger)
    {
        _options = options.Value;
        _clients = new TrustedClients(_options.Clients);
        _enforcer = enforcer;
        _directory = directory;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The listening socket, used to answer. Set by the listener once bound.</summary>
    public Socket? Socket { get; set; }

    public int ClientCount => _clients.Count;

    public void Process(in IngestDatagram datagram, SocketAddress reply)
    {
        var client = _clients.Match(datagram.Source);
        if (client is null)
        {
            _metrics.DroppedUnknownSource.Inc();
            return;
        }

        try
        {
            Decide(datagram, client, reply);
        }
        catch (Exception ex)
        {
            // A bug or a store failure must cost one datagram, never the worker.
            _metrics.DroppedProcessingError.Inc();
            Log.ProcessingFailed(_logger, client.Name, ex);
        }
    }

    private void Decide(in IngestDatagram datagram, TrustedClient client, SocketAddress reply)
    {
        var error = AccountingRequestParser.TryParse(datagram.Payload, _parserOptions, out var request);
        if (error != RadiusParseError.None)
        {
            Reject(error, client);
            return;
        }

        var packet = datagram.Payload[..request.Length];
        error = RadiusAuthenticator.VerifyRequest(packet, client.Secret);
        if (error == RadiusParseError.None && !request.HasStatusType)
        {
            error = RadiusParseError.MissingAcctStatusType;
        }

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

        _metrics.AccountingRequests.Inc();
        if (_options.SendResponses && Socket is { } socket)
        {
            Respond(socket, datagram, packet, client, reply);
        }

        if (request.StatusType is AcctStatusType.Start or AcctStatusType.InterimUpdate or AcctStatusType.Stop)
        {
            Observe(request, client);
            _metrics.DecisionSeconds.Observe(Stopwatch.GetElapsedTime(datagram.ReceivedTimestamp).TotalSeconds);
        }
    }

    private void Observe(in AccountingRequest request, TrustedClient client)
    {
        if (request.Imsi.IsEmpty)
        {
            _metrics.ObservationsWithoutImsi.Inc();
            return;
        }

        Msisdn.TryParse(request.CallingStationId, out var msisdn);
        _directory.Learn(request.Imsi, msisdn, request.Pei.Device);
        var observation = new Observation
        {
            Imsi = request.Imsi,
            Msisdn = msisdn,
            Pei = request.Pei,
            Location = request.Location,
            AtUnixMs = request.HasEventTimestamp ? request.EventTimestamp * 1000L : _time.GetUtcNow().ToUnixTimeMilliseconds(),
            Source = ObservationSource.RadiusAccounting,
            NasIp = request.HasNasIpAddress ? request.NasIpAddress : 0,
            NasIdentifier = request.NasIdentifier,
            SessionId = request.AcctSessionId,
            UserName = request.UserName,
            FramedIp = request.HasFramedIpAddress ? request.FramedIpAddress : 0,
            SourceName = client.Name,
        };

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
        if (verdict == VerdictKind.Violation)
        {
            Log.Violation(_logger, client.Name);
        }
        else if (verdict == VerdictKind.Paired)
        {
            Log.Paired(_logger, client.Name);
        }
    }

    private void Respond(Socket socket, in IngestDatagram datagram, ReadOnlySpan<byte> packet, TrustedClient client, SocketAddress reply)
    {
        Span<byte> response = stackalloc byte[20];
        var length = RadiusAuthenticator.WriteAccountingResponse(packet, client.Secret, response);
        if (length == 0)
        {
            return;
        }

        datagram.Address.CopyTo(reply.Buffer.Span);
        reply.Size = datagram.AddressLength;
        try
        {
            socket.SendTo(response[..length], SocketFlags.None, reply);
            _metrics.ResponsesSent.Inc();
        }
        catch (SocketException ex)
        {
            Log.ResponseFailed(_logger, client.Name, ex.SocketErrorCode.ToString());
        }
    }

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
        // RadiusDatagramProcessor event IDs: 1200-1299 (next free: 1207)
        [LoggerMessage(1201, LogLevel.Debug, "Rejected datagram from {Client}: {Reason}")]
        public static partial void Rejected(ILogger logger, string client, ReasonValue reason);

        [LoggerMessage(1202, LogLevel.Error, "Processing a datagram from {Client} failed")]
        public static partial void ProcessingFailed(ILogger logger, string client, Exception exception);

        [LoggerMessage(1203, LogLevel.Error, "Decision for a record from {Client} failed: the store could not be written; the next record decides again")]
        public static partial void DecisionFailed(ILogger logger, string client, Exception exception);

        [LoggerMessage(1204, LogLevel.Warning, "SIM lock violation seen in a record from {Client}: block command written to the outbox")]
        public static partial void Violation(ILogger logger, string client);

        [LoggerMessage(1205, LogLevel.Information, "Armed SIM paired with its first device (record from {Client})")]
        public static partial void Paired(ILogger logger, string client);

        [LoggerMessage(1206, LogLevel.Debug, "Accounting-Response to {Client} failed: {Error}")]
        public static partial void ResponseFailed(ILogger logger, string client, string error);
    }
}
