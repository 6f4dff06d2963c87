namespace ImeiGuard.Core.Enforcement;

/// <summary>
/// One entry of a command's history: a delivery attempt, its acknowledgement, the dead-letter decision or
/// the Disconnect-Request result. Kept for audit; the outbox row holds only the latest state.
/// </summary>
/// <param name="Sequence">The command's outbox sequence.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">One of the <see cref="OutboxEventKinds"/> names.</param>
/// <param name="Code">HTTP status for deliveries, RADIUS code (41/42) for disconnects, else null.</param>
/// <param name="Detail">Error text, Error-Cause, target; null when there is nothing to add.</param>
public sealed record OutboxEvent(long Sequence, DateTimeOffset At, string Kind, int? Code, string? Detail);

/// <summary>The <see cref="OutboxEvent.Kind"/> values.</summary>
public static class OutboxEventKinds
{
    public const string Delivered = "delivered";
    public const string AttemptFailed = "attempt_failed";
    public const string DeadLettered = "dead_lettered";

    /// <summary>Prefix of the Disconnect-Request results: "disconnect_ack", "disconnect_nak", "disconnect_timeout", …</summary>
    public const string DisconnectPrefix = "disconnect_";
}
