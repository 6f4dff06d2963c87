using System.Net.Http.Headers;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss;

/// <summary>
/// Delivers outbox commands to the OSS webhook, at least once: an entry is marked delivered only after a
/// 2xx, so a crash between send and mark resends it with the same Idempotency-Key. Commands of one SIM are
/// sent strictly in sequence: a later command waits while an earlier one of the same SIM is undelivered.
/// </summary>
public sealed partial class OssDispatcher : BackgroundService
{
    private readonly IOutboxStore _outbox;
    private readonly HttpClient _http;
    private readonly OssOptions _options;
    private readonly TimeProvider _time;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<OssDispatcher> _logger;
    private readonly Uri? _url;

    public OssDispatcher(IOutboxStore outbox, HttpClient http, IOptions<OssOptions> options, TimeProvider time, ImeiGuardMetrics metrics, ILogger<OssDispatcher> logger)
    {
        _outbox = outbox;
        _http = http;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _url = string.IsNullOrWhiteSpace(_options.Url) ? null : new Uri(_options.Url, UriKind.Absolute);
        _http.Timeout = _options.RequestTimeout;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_url is null)
        {
            Log.RecordOnly(_logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _metrics.OutboxPending.Set(_outbox.CountPending());
                if (_url is not null)
                {
                    await DeliverDueAsync(_url, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PassFailed(_logger, ex);
            }

            await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One pass over the pending commands. Returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(Uri url, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var blockedSims = new HashSet<ulong>();
        var delivered = 0;
        foreach (var entry in _outbox.GetPending(_options.BatchSize))
        {
            // Per-SIM order: once one command of a SIM is waiting, its later ones wait too.
            if (blockedSims.Contains(entry.ImsiPacked) || entry.NextAttemptAt > now)
            {
                blockedSims.Add(entry.ImsiPacked);
                continue;
            }

            if (await TrySendAsync(url, entry, cancellationToken))
            {
                delivered++;
            }
            else
            {
                blockedSims.Add(entry.ImsiPacked);
            }
        }

        return delivered;
    }

    private async Task<bool> TrySendAsync(Uri url, OutboxEntry entry, CancellationToken cancellationToken)
    {
        int? status = null;
        string error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(entry.Payload, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("Idempotency-Key", entry.IdempotencyKey);
            request.Headers.Add("X-ImeiGuard-Command", entry.Kind);
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _outbox.MarkDelivered(entry.Sequence, _time.GetUtcNow(), status.Value);
                _metrics.CommandsDelivered.Inc();
                Log.Delivered(_logger, entry.Kind, entry.CommandId, status.Value);
                return true;
            }

            error = $"HTTP {status}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        var next = _time.GetUtcNow() + Backoff(entry.Attempts);
        _outbox.MarkAttemptFailed(entry.Sequence, next, status, error);
        _metrics.CommandsFailed.Inc();
        Log.AttemptFailed(_logger, entry.Kind, entry.CommandId, entry.Attempts + 1, error);
        return false;
    }

    /// <summary>Exponential backoff with "equal jitter": half fixed, half random, capped.</summary>
    internal TimeSpan Backoff(int previousAttempts)
    {
        var exponent = Math.Min(previousAttempts, 20);
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private static partial class Log
    {
        // OssDispatcher event IDs: 3100-3199 (next free: 3105)
        [LoggerMessage(3101, LogLevel.Information, "No OSS URL configured: block/resume commands are recorded in the outbox and listed at /api/v2/enforcement/commands")]
        public static partial void RecordOnly(ILogger logger);

        [LoggerMessage(3102, LogLevel.Information, "Delivered {Kind} command {CommandId} (HTTP {Status})")]
        public static partial void Delivered(ILogger logger, string kind, string commandId, int status);

        [LoggerMessage(3103, LogLevel.Warning, "Delivery of {Kind} command {CommandId} failed (attempt {Attempt}): {Error}")]
        public static partial void AttemptFailed(ILogger logger, string kind, string commandId, int attempt, string error);

        [LoggerMessage(3104, LogLevel.Error, "Outbox pass failed")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
