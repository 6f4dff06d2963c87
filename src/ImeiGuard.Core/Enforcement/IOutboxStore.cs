namespace ImeiGuard.Core.Enforcement;

/// <summary>The outbox side of the store: what the dispatcher and the control plane read.</summary>
public interface IOutboxStore
{
    /// <summary>Pending entries in sequence order, at most <paramref name="max"/>.</summary>
    IReadOnlyList<OutboxEntry> GetPending(int max);

    void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus);

    void MarkAttemptFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error);

    /// <summary>Newest first.</summary>
    (IReadOnlyList<OutboxEntry> Items, long Total) List(int page, int size, OutboxStatus? status);

    long CountPending();
}
