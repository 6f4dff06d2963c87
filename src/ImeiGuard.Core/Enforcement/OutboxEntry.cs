namespace ImeiGuard.Core.Enforcement;

/// <summary>A stored command and its delivery state.</summary>
public sealed record OutboxEntry
{
    /// <summary>Store-assigned, increasing: the delivery order.</summary>
    public long Sequence { get; init; }

    public required string CommandId { get; init; }

    public required string Kind { get; init; }

    /// <summary>Packed IMSI: commands of one SIM are delivered in <see cref="Sequence"/> order.</summary>
    public ulong ImsiPacked { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary>The JSON body, exactly as it is sent.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public OutboxStatus Status { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public int? LastHttpStatus { get; init; }

    public string? LastError { get; init; }

    /// <summary>What the immediate RADIUS Disconnect-Request for a block achieved; <see cref="DisconnectOutcome.None"/> until tried.</summary>
    public DisconnectOutcome Disconnect { get; init; }
}

/// <summary>Delivery state of an outbox entry.</summary>
public enum OutboxStatus : byte
{
    /// <summary>Waiting for delivery (or kept as a record when no OSS is configured).</summary>
    Pending = 0,

    /// <summary>The OSS acknowledged it with a 2xx.</summary>
    Delivered = 1,

    /// <summary>
    /// Given up: still unacknowledged when it reached the configured age (ImeiGuard:Oss:DeadLetterAfter).
    /// It no longer holds back later commands of its SIM.
    /// </summary>
    DeadLetter = 2,
}
