using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Oss.Adapters;
using ImeiGuard.Oss.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ImeiGuard.Oss;

/// <summary>
/// Delivers outbox commands to the OSS, at least once: an entry is marked delivered only after a 2xx, so a
/// crash between send and mark resends it with the same Idempotency-Key. Each pass takes the head of every
/// SIM's queue that is due (<see cref="IOutboxStore.GetDue"/>), so a SIM's commands go out strictly in
/// sequence while different SIMs are delivered in parallel. A failed delivery (after the immediate retries
/// of <see cref="OssResilience"/>) is rescheduled with a stored next-attempt time; one still unacknowledged
/// after <see cref="OssOptions.DeadLetterAfter"/> is dead-lettered.
/// </summary>
public sealed partial class OssDispatcher : BackgroundService
{
    /// <summary>Name of the HttpClient (and its resilience pipeline) used for the OSS.</summary>
    public const string HttpClientName = "oss";

    private readonly IOutboxStore _outbox;
    private readonly HttpClient _http;
    private readonly OssOptions _options;
    private readonly TimeProvider _time;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<OssDispatcher> _logger;
    private readonly IOssAdapter _adapter;
    private readonly WebhookSigner? _signer;
    private readonly Uri? _url;

    public OssDispatcher(IOutboxStore outbox, IHttpClientFactory httpClientFactory, IOptions<OssOptions> options, TimeProvider time, ImeiGuardMetrics metrics, ILogger<OssDispatcher> logger)
    {
        _outbox = outbox;
        _http = httpClientFactory.CreateClient(HttpClientName);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _url = string.IsNullOrWhiteSpace(_options.Url) ? null : new Uri(_options.Url, UriKind.Absolute);
        _adapter = _options.Adapter == OssOptions.Tmf641Adapter ? new Tmf641Adapter(_options.Tmf641) : new WebhookAdapter();
        var secret = SecretSource.Resolve(_options.SigningSecret, _options.SigningSecretFile);
        _signer = secret is null ? null : new WebhookSigner(secret);
    }

    /// <summary>What one delivery attempt came to.</summary>
    internal enum AttemptResult
    {
        Delivered,
        Failed,
        CircuitOpen,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_url is null)
        {
            Log.RecordOnly(_logger);
        }
        else
        {
            Log.Delivering(_logger, _adapter.Name, _url.GetLeftPart(UriPartial.Authority), _signer is not null);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                if (_url is not null)
                {
                    DeadLetterExpired();
                    delivered = await DeliverDueAsync(_url, stoppingToken);
                }

                RefreshGauges();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PassFailed(_logger, ex);
            }

            // A pass that delivered something may have uncovered the next command of a SIM: go on at once.
            if (delivered == 0)
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One pass over the due queue heads. Returns how many commands were delivered.</summary>
    internal async Task<int> DeliverDueAsync(Uri url, CancellationToken cancellationToken)
    {
        var due = _outbox.GetDue(_time.GetUtcNow(), _options.BatchSize);
        if (due.Count == 0)
        {
            return 0;
        }

        var delivered = 0;
        var circuitOpen = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (entry, token) =>
        {
            // Once the breaker is open every request fails fast: leave the rest of the pass for later.
            if (Volatile.Read(ref circuitOpen) != 0)
            {
                return;
            }

            switch (await SendAsync(url, entry, token))
            {
                case AttemptResult.Delivered:
                    Interlocked.Increment(ref delivered);
                    break;
                case AttemptResult.CircuitOpen:
                    Volatile.Write(ref circuitOpen, 1);
                    break;
            }
        });
        return delivered;
    }

    private async Task<AttemptResult> SendAsync(Uri url, OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Attempts > 0)
        {
            _metrics.RetriesScheduled.Inc();
        }

        int? status = null;
        TimeSpan? retryAfter = null;
        string error;
        try
        {
            using var request = OssRequest.Create(url, entry, _adapter.CreateBody(entry), _adapter.ContentType, _signer, _time.GetUtcNow());
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _outbox.MarkDelivered(entry.Sequence, _time.GetUtcNow(), status.Value);
                _metrics.CommandsDelivered.Inc();
                Log.Delivered(_logger, entry.Kind, entry.CommandId, status.Value, entry.Attempts + 1);
                return AttemptResult.Delivered;
            }

            retryAfter = DeliverySchedule.RetryAfter(response, _time.GetUtcNow());
            error = $"HTTP {status}";
        }
        catch (BrokenCircuitException)
        {
            var resumeAt = _time.GetUtcNow() + _options.CircuitBreaker.BreakDuration;
            _outbox.MarkAttemptFailed(entry.Sequence, resumeAt, null, "circuit open", _time.GetUtcNow());
            _metrics.CommandsFailed.Inc();
            Log.CircuitOpen(_logger, entry.Kind, entry.CommandId, _options.CircuitBreaker.BreakDuration);
            return AttemptResult.CircuitOpen;
        }
        catch (TimeoutRejectedException ex)
        {
            error = "timeout: " + ex.Message;
        }
        catch (HttpRequestException ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        var now = _time.GetUtcNow();
        var delay = DeliverySchedule.Delay(entry.Attempts, _options.InitialBackoff, _options.MaxBackoff, retryAfter, Random.Shared.NextDouble());
        _outbox.MarkAttemptFailed(entry.Sequence, now + delay, status, error, now);
        _metrics.CommandsFailed.Inc();
        Log.AttemptFailed(_logger, entry.Kind, entry.CommandId, entry.Attempts + 1, error, delay);
        return AttemptResult.Failed;
    }

    private void DeadLetterExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var entry in _outbox.DeadLetterOlderThan(now - _options.DeadLetterAfter, now))
        {
            _metrics.CommandsDeadLettered.Inc();
            Log.DeadLettered(_logger, entry.Kind, entry.CommandId, entry.Attempts, entry.LastError ?? "never attempted");
        }
    }

    private void RefreshGauges()
    {
        var stats = _outbox.GetStats();
        _metrics.OutboxPending.Set(stats.Pending);
        _metrics.OutboxDeadLetter.Set(stats.DeadLettered);
        _metrics.OutboxOldestPendingAge.Set(stats.OldestPendingCreatedAt is { } oldest
            ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds)
            : 0);
    }
}
