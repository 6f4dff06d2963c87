using System.ComponentModel.DataAnnotations;

namespace ImeiGuard.Oss;

/// <summary>
/// The circuit breaker in front of the OSS (section "ImeiGuard:Oss:CircuitBreaker"). While it is open, no
/// request is sent; due commands are rescheduled to the end of the break.
/// </summary>
public sealed class OssCircuitBreakerOptions
{
    /// <summary>Share of failed attempts (transport errors, timeouts, 5xx, 408, 429) that opens it. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> needed before it may open. Default 10.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the failure ratio is measured. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long it stays open before one trial request is let through. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
