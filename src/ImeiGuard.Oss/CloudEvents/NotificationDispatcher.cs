using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImeiGuard.Core.Camara;
using ImeiGuard.Oss.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>
/// Delivers queued CAMARA notifications to their sinks, at least once, as the OSS dispatcher delivers commands: a
/// notification is marked delivered only after a 2xx, so a crash between send and mark sends it again with the same
/// CloudEvents id (consumers deduplicate on source + id). Each pass first ends subscriptions that are due (expire
/// time, sink token) and gives up notifications older than <see cref="NotificationOptions.GiveUpAfter"/>, then sends
/// the head of every subscription's queue. A failure is retried on the stored backoff schedule; a 410 Gone ends
/// the subscription.
/// </summary>
public sealed partial class NotificationDispatcher : BackgroundService
{
    /// <summary>Name of the HttpClient used for sinks.</summary>
    public const string HttpClientName = "camara-sinks";

    private readonly ISubscriptionStore _store;
    private readonly HttpClient _http;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger<NotificationDispatcher> _logger;

    public NotificationDispatcher(
        ISubscriptionStore store, IHttpClientFactory httpClientFactory, IOptions<NotificationOptions> options, TimeProvider time, NotificationMetrics metrics, ILogger<NotificationDispatcher> logger)
    {
        _store = store;
        _http = httpClientFactory.CreateClient(HttpClientName);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                var now = _time.GetUtcNow();
                var ended = _store.EndDue(now, _options.AccessTokenLead);
                if (ended > 0)
                {
                    Log.SubscriptionsEnded(_logger, ended);
                }

                var expired = _store.ExpireUndelivered(now - _options.GiveUpAfter, now);
                if (expired > 0)
                {
                    _metrics.Expired.Inc(expired);
                    Log.GaveUp(_logger, expired, _options.GiveUpAfter);
                }

                delivered = await DeliverDueAsync(stoppingToken);
                var (pending, active) = _store.Counts();
                _metrics.Pending.Set(pending);
                _metrics.ActiveSubscriptions.Set(active);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PassFailed(_logger, ex);
            }

            // A delivery may have uncovered the next notification of a subscription: go on at once.
            if (delivered == 0)
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One pass over the due queue heads. Returns how many notifications were delivered.</summary>
    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = _store.GetDue(_time.GetUtcNow(), _options.BatchSize);
        var delivered = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (notification, token) =>
        {
            if (await SendAsync(notification, token))
            {
                Interlocked.Increment(ref delivered);
            }
        });
        return delivered;
    }

    private async Task<bool> SendAsync(DueNotification notification, CancellationToken cancellationToken)
    {
        int? status = null;
        TimeSpan? retryAfter = null;
        string error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, notification.Sink)
            {
                Content = new StringContent(notification.Payload, Encoding.UTF8, new MediaTypeHeaderValue(CloudEventWriter.MediaType)),
            };
            if (notification.AccessToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            request.Headers.TryAddWithoutValidation("x-correlator", notification.EventId);
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _store.MarkDelivered(notification.Sequence, _time.GetUtcNow(), status.Value);
                _metrics.Delivered.Inc();
                Log.Delivered(_logger, notification.Type, notification.SubscriptionId, status.Value, notification.Attempts + 1);
                return true;
            }

            if (response.StatusCode == HttpStatusCode.Gone)
            {
                _store.EndGone(notification.SubscriptionId);
                _metrics.Gone.Inc();
                Log.SinkGone(_logger, notification.SubscriptionId);
                return false;
            }

            retryAfter = DeliverySchedule.RetryAfter(response, _time.GetUtcNow());
            error = $"HTTP {status}";
        }
        catch (HttpRequestException ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "timeout";
        }

        var now = _time.GetUtcNow();
        var delay = DeliverySchedule.Delay(notification.Attempts, _options.InitialBackoff, _options.MaxBackoff, retryAfter, Random.Shared.NextDouble());
        _store.MarkFailed(notification.Sequence, now + delay, status, error);
        _metrics.Failed.Inc();
        Log.AttemptFailed(_logger, notification.Type, notification.SubscriptionId, notification.Attempts + 1, error, delay);
        return false;
    }
}
