namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>One packet record of a capture: capture time and the link-layer frame.</summary>
internal sealed record CaptureRecord(uint Seconds, uint Microseconds, byte[] Frame);
