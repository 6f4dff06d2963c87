namespace ImeiGuard.Oss;

/// <summary>Where and how block/resume commands are delivered (section "ImeiGuard:Oss").</summary>
public sealed class OssOptions
{
    /// <summary>The OSS webhook URL. Empty (the default): commands are recorded in the outbox and listed over the API, not sent.</summary>
    public string? Url { get; set; }

    /// <summary>Per-request timeout. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is polled for due commands. Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First retry delay; doubles per attempt with jitter. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default 5 min.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most commands read per poll. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
