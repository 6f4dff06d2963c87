using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Protocols.Radius;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>
/// The immediate action of a block (off unless ImeiGuard:Disconnect:Enabled): picks up new block commands
/// from the outbox, sends a Disconnect-Request to the NAS that reported the session, and records ACK, NAK,
/// timeout or no_target on the command and in its history. Each block is tried once (one exchange with
/// retransmissions); the OSS delivery goes on independently.
/// </summary>
public sealed partial class DisconnectService : BackgroundService
{
    private readonly IOutboxStore _outbox;
    private readonly DisconnectOptions _options;
    private readonly TimeProvider _time;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<DisconnectService> _logger;
    private readonly DaeTargets _targets;
    private readonly DaeClient _client;

    public DisconnectService(IOutboxStore outbox, IOptions<DisconnectOptions> options, TimeProvider time, ImeiGuardMetrics metrics, ILogger<DisconnectService> logger)
    {
        _outbox = outbox;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _targets = new DaeTargets(_options.Enabled ? _options.Nas : []);
        _client = new DaeClient(time);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        Log.Enabled(_logger, _targets.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = stoppingToken };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var blocks = _outbox.GetBlocksAwaitingDisconnect(_time.GetUtcNow() - _options.MaxAge, 100);
                await Parallel.ForEachAsync(blocks, parallel, HandleAsync);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PassFailed(_logger, ex);
            }

            await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async ValueTask HandleAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        DaeResult result;
        string target = "-";
        try
        {
            var evidence = JsonSerializer.Deserialize(entry.Payload, OssJsonContext.Default.EnforcementCommand)?.Evidence;
            if (evidence?.NasIp is not { } nasText || !IPAddress.TryParse(nasText, out var nasIp)
                || !_targets.TryFind(nasIp, out var dae, out var endpoint))
            {
                result = new DaeResult(DisconnectOutcome.NoTarget, null, 0, 0);
            }
            else if (BuildRequest(evidence, nasIp, dae.Secret) is not { } packet)
            {
                result = new DaeResult(DisconnectOutcome.Error, null, 0, 0, "no session identifier in the evidence");
            }
            else
            {
                target = $"{dae.Name} {endpoint}";
                result = await _client.SendAsync(endpoint, packet, dae.Secret, _options.Timeout, _options.Retransmits, cancellationToken);
            }
        }
        catch (SocketException ex)
        {
            result = new DaeResult(DisconnectOutcome.Error, null, 0, 0, ex.SocketErrorCode.ToString());
        }

        var detail = Detail(target, result);
        _outbox.RecordDisconnect(entry.Sequence, result.Outcome, result.Code, detail, _time.GetUtcNow());
        _metrics.Disconnect(result.Outcome);
        Log.Result(_logger, entry.CommandId, DisconnectOutcomes.Name(result.Outcome), detail);
    }

    /// <summary>The signed request, or null when the evidence names no session (User-Name, Acct-Session-Id, Framed-IP-Address).</summary>
    private byte[]? BuildRequest(CommandEvidence evidence, IPAddress nasIp, byte[] secret)
    {
        var session = new DisconnectSession
        {
            NasIp = Pack(nasIp),
            UserName = evidence.UserName is null ? default : Encoding.UTF8.GetBytes(evidence.UserName),
            AcctSessionId = evidence.SessionId is null ? default : Encoding.UTF8.GetBytes(evidence.SessionId),
            FramedIp = evidence.FramedIp is not null && IPAddress.TryParse(evidence.FramedIp, out var framed) ? Pack(framed) : 0,
        };
        if (!session.HasSessionIdentifier)
        {
            return null;
        }

        var buffer = new byte[DisconnectMessage.MaxLength];
        var timestamp = (uint)_time.GetUtcNow().ToUnixTimeSeconds();
        return DisconnectMessage.TryWriteRequest(buffer, _client.NextIdentifier(), session, secret, timestamp, out var length)
            ? buffer[..length]
            : null;
    }

    /// <summary>Packs an IPv4 address the way the RADIUS attributes carry it; 0 (absent) for IPv6.</summary>
    private static uint Pack(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return 0;
        }

        Span<byte> octets = stackalloc byte[4];
        address.TryWriteBytes(octets, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(octets);
    }

    private static string Detail(string target, DaeResult result)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"target={target} transmissions={result.Transmissions}");
        if (result.ErrorCause != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" error-cause={result.ErrorCause}");
        }

        return result.Error is null ? text : text + " error=" + result.Error;
    }
}
