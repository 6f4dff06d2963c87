namespace ImeiGuard.Core.Enforcement;

/// <summary>The outbox side of the store: what the dispatchers and the control plane read and record.</summary>
public interface IOutboxStore
{
    /// <summary>Pending entries in sequence order, at most <paramref name="max"/>.</summary>
    IReadOnlyList<OutboxEntry> GetPending(int max);

    /// <summary>
    /// The commands to send now: for each SIM only its oldest pending command (so a SIM's commands go out
    /// in sequence order), and only when its durable next-attempt time has come. Sequence order, at most <paramref name="max"/>.
    /// </summary>
    IReadOnlyList<OutboxEntry> GetDue(DateTimeOffset now, int max);

    void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus);

    /// <summary>Counts the attempt, stores when to try next (survives a restart) and records the failure in the history.</summary>
    void MarkAttemptFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error, DateTimeOffset? at = null);

    /// <summary>Moves pending commands created before <paramref name="createdBefore"/> to <see cref="OutboxStatus.DeadLetter"/> and returns them.</summary>
    IReadOnlyList<OutboxEntry> DeadLetterOlderThan(DateTimeOffset createdBefore, DateTimeOffset at);

    /// <summary>Newest first; with <paramref name="tenant"/>, only commands for that tenant's SIMs.</summary>
    (IReadOnlyList<OutboxEntry> Items, long Total) List(int page, int size, OutboxStatus? status, string? tenant = null);

    long CountPending();

    /// <summary>Queue depth, age of the oldest pending command and dead-letter count.</summary>
    OutboxStats GetStats();

    /// <summary>Block commands created at or after <paramref name="createdSince"/> whose Disconnect-Request has not been tried. Sequence order.</summary>
    IReadOnlyList<OutboxEntry> GetBlocksAwaitingDisconnect(DateTimeOffset createdSince, int max);

    /// <summary>Stores the Disconnect-Request result on the command and in its history.</summary>
    void RecordDisconnect(long sequence, DisconnectOutcome outcome, int? radiusCode, string? detail, DateTimeOffset at);

    /// <summary>The command's history, oldest first; with <paramref name="tenant"/>, empty unless the command is for that tenant's SIM.</summary>
    IReadOnlyList<OutboxEvent> GetHistory(long sequence, string? tenant = null);
}
