using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss;

/// <summary>Where and how block/resume commands are delivered (section "ImeiGuard:Oss"; docs/enforcement.md).</summary>
public sealed class OssOptions : IValidatableObject
{
    /// <summary>The "webhook" adapter: the documented ImeiGuard JSON command.</summary>
    public const string WebhookAdapter = "webhook";

    /// <summary>The "tmf641" adapter: a TM Forum TMF641 serviceOrder.</summary>
    public const string Tmf641Adapter = "tmf641";

    /// <summary>
    /// The OSS URL commands are POSTed to (for tmf641 the serviceOrder collection, e.g.
    /// <c>…/tmf-api/serviceOrdering/v4/serviceOrder</c>). Empty (the default): commands are recorded in the
    /// outbox and listed over the API, not sent.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Payload format: <c>webhook</c> (default) or <c>tmf641</c>.</summary>
    public string Adapter { get; set; } = WebhookAdapter;

    /// <summary>
    /// HMAC-SHA256 key for the <c>X-ImeiGuard-Signature</c> header. Default: none (requests are not signed).
    /// Prefer <see cref="SigningSecretFile"/> in production.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>File holding the signing key (trailing whitespace ignored). Default: none.</summary>
    public string? SigningSecretFile { get; set; }

    /// <summary>Timeout of one HTTP attempt. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is polled for due commands. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Immediate retries of one delivery (resilience pipeline, exponential with jitter, Retry-After honoured)
    /// before the command is rescheduled durably. Default 2; 0 turns them off.
    /// </summary>
    [Range(0, 10)]
    public int ImmediateRetries { get; set; } = 2;

    /// <summary>First immediate retry delay; doubles per retry, with jitter. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ImmediateRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest wait an immediate retry may take. A Retry-After beyond it ends the immediate retries and the
    /// command is rescheduled durably at the Retry-After time instead. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxImmediateRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First durable (stored) retry delay after a failed delivery; doubles per attempt with jitter. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest durable retry delay. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Age after which a command still unacknowledged is dead-lettered (status DEAD_LETTER, metric
    /// <c>imeiguard_enforcement_dead_lettered_total</c>) and stops holding back its SIM's later commands. Default 24 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DeadLetterAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most commands read per poll. Default 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>SIMs delivered in parallel (one SIM's commands are always sequential). Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Circuit breaker in front of the OSS.</summary>
    [ValidateObjectMembers]
    public OssCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>TMF641 mapping, used when <see cref="Adapter"/> is <c>tmf641</c>.</summary>
    [ValidateObjectMembers]
    public Tmf641Options Tmf641 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url)
            && (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("ImeiGuard:Oss:Url must be an absolute http(s) URL", [nameof(Url)]);
        }

        if (Adapter is not (WebhookAdapter or Tmf641Adapter))
        {
            yield return new ValidationResult($"ImeiGuard:Oss:Adapter must be '{WebhookAdapter}' or '{Tmf641Adapter}'", [nameof(Adapter)]);
        }

        if (!string.IsNullOrEmpty(SigningSecret) && !string.IsNullOrEmpty(SigningSecretFile))
        {
            yield return new ValidationResult("ImeiGuard:Oss: set SigningSecret or SigningSecretFile, not both", [nameof(SigningSecret)]);
        }

        if (!string.IsNullOrEmpty(SigningSecretFile) && !File.Exists(SigningSecretFile))
        {
            yield return new ValidationResult($"ImeiGuard:Oss:SigningSecretFile '{SigningSecretFile}' does not exist", [nameof(SigningSecretFile)]);
        }

        if (InitialBackoff > MaxBackoff)
        {
            yield return new ValidationResult("ImeiGuard:Oss: InitialBackoff must not exceed MaxBackoff", [nameof(InitialBackoff)]);
        }
    }
}
