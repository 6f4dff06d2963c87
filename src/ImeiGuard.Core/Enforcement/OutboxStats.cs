namespace ImeiGuard.Core.Enforcement;

/// <summary>The outbox at a glance, for the queue gauges.</summary>
/// <param name="Pending">Commands not yet acknowledged (queue depth).</param>
/// <param name="OldestPendingCreatedAt">Creation time of the oldest of them, null when there is none.</param>
/// <param name="DeadLettered">Commands given up on.</param>
public readonly record struct OutboxStats(long Pending, DateTimeOffset? OldestPendingCreatedAt, long DeadLettered);
