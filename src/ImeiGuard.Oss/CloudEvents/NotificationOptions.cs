using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>Delivery of CAMARA notifications to subscription sinks (section "ImeiGuard:Camara:Notifications"; docs/camara.md).</summary>
public sealed class NotificationOptions : IValidatableObject
{
    /// <summary>The CloudEvents <c>source</c> of every notification, a URI-reference. Default "/iot-sim-fraud-prevention-subscriptions/v0.1".</summary>
    [Required]
    public string EventSource { get; set; } = "/iot-sim-fraud-prevention-subscriptions/v0.1";

    /// <summary>How often the queue is polled for due notifications and subscriptions are checked for their end. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of one POST to a sink. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay after a failed delivery; doubles per attempt with jitter (stored, so it survives restarts). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A notification still undelivered this long after it was queued is given up (expired). Default 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A subscription whose sink token (sinkCredential accessTokenExpiresUtc) expires is ended this long before, so its
    /// subscription-ended (ACCESS_TOKEN_EXPIRED) can still be delivered with the token. Default 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AccessTokenLead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Subscriptions delivered to in parallel (one subscription's notifications are always sequential). Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Most notifications read per poll. Default 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// A PEM file of extra trust anchors for sink certificates (a private CA). The system store still applies and the
    /// host name is always checked. Default: none.
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(EventSource, UriKind.RelativeOrAbsolute, out _))
        {
            yield return new ValidationResult("ImeiGuard:Camara:Notifications:EventSource must be a URI-reference", [nameof(EventSource)]);
        }

        if (InitialBackoff > MaxBackoff)
        {
            yield return new ValidationResult("ImeiGuard:Camara:Notifications: InitialBackoff must not exceed MaxBackoff", [nameof(InitialBackoff)]);
        }

        if (!string.IsNullOrEmpty(TrustedCertificatesPath) && !File.Exists(TrustedCertificatesPath))
        {
            yield return new ValidationResult($"ImeiGuard:Camara:Notifications:TrustedCertificatesPath '{TrustedCertificatesPath}' does not exist", [nameof(TrustedCertificatesPath)]);
        }
    }
}

/// <summary>Generated validation of <see cref="NotificationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>;
