namespace ImeiGuard.Core.Operations;

/// <summary>Durable record of lock operations: a request is acknowledged only after it is stored.</summary>
public interface IOperationStore
{
    void Create(LockOperation operation);

    void Complete(LockOperation operation);

    LockOperation? Find(string requestId);

    /// <summary>Operations accepted but not finished (e.g. before a crash), oldest first.</summary>
    IReadOnlyList<LockOperation> ListInProgress();
}
