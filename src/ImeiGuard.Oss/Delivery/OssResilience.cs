using System.Net;
using ImeiGuard.Core.Metrics;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ImeiGuard.Oss.Delivery;

/// <summary>
/// The resilience pipeline of the OSS HttpClient (Microsoft.Extensions.Http.Resilience / Polly), outermost
/// first: a total timeout; immediate retries (exponential, jitter, Retry-After honoured); a circuit breaker;
/// the per-attempt timeout. What is still failing after it is rescheduled durably by the dispatcher.
/// </summary>
internal static class OssResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, OssOptions options, ImeiGuardMetrics metrics, TimeProvider time)
    {
        builder.AddTimeout(TotalTimeout(options));
        if (options.ImmediateRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ImmediateRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ImmediateRetryDelay,
                MaxDelay = options.MaxImmediateRetryDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetryNow(args.Outcome, options.MaxImmediateRetryDelay, time.GetUtcNow())),
                OnRetry = _ =>
                {
                    metrics.RetriesImmediate.Inc();
                    return default;
                },
            });
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
            OnOpened = _ =>
            {
                metrics.OssCircuitOpen.Set(1);
                return default;
            },
            OnClosed = _ =>
            {
                metrics.OssCircuitOpen.Set(0);
                return default;
            },
        });
        builder.AddTimeout(options.RequestTimeout);
    }

    /// <summary>Bounds one delivery with all its immediate retries: every attempt timing out plus every retry waiting its longest, and a second of slack.</summary>
    public static TimeSpan TotalTimeout(OssOptions options) =>
        (options.RequestTimeout * (options.ImmediateRetries + 1)) + (options.MaxImmediateRetryDelay * options.ImmediateRetries) + TimeSpan.FromSeconds(1);

    /// <summary>
    /// Failures worth another attempt, and that count against the OSS in the breaker: transport errors,
    /// attempt timeouts, 5xx, 408 and 429. Other 4xx are the OSS refusing the command; retrying at once does not help.
    /// </summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>A transient failure, unless the OSS asked for a pause longer than an immediate retry may wait (then the durable schedule honours it).</summary>
    private static bool ShouldRetryNow(Outcome<HttpResponseMessage> outcome, TimeSpan maxImmediateDelay, DateTimeOffset now)
    {
        if (outcome.Exception is BrokenCircuitException || !IsTransientFailure(outcome))
        {
            return false;
        }

        return outcome.Result is not { } response
            || DeliverySchedule.RetryAfter(response, now) is not { } wait
            || wait <= maxImmediateDelay;
    }
}
