namespace ImeiGuard.Core.Audit;

/// <summary>The durable audit trail of changes. Recording is synchronous: a change whose entry cannot be written is reported as failed.</summary>
public interface IAuditLog
{
    void Record(AuditEntry entry);

    /// <summary>A page of entries, newest first, optionally only one tenant's and/or one target's.</summary>
    (IReadOnlyList<AuditEntry> Items, long Total) List(int page, int size, string? tenant, string? target);
}
