using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Core.Operations;

/// <summary>An asynchronous device-sim-lock request and its outcome.</summary>
public sealed record LockOperation
{
    public required string RequestId { get; init; }

    public required IdentifierType IdentifierType { get; init; }

    public required string IdentifierValue { get; init; }

    public required LockAction Action { get; init; }

    public OperationStatus Status { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The IMSI the identifier resolved to, once processed.</summary>
    public string? Imsi { get; init; }

    /// <summary>Who asked (the authenticated principal's name).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>
    /// The tenant that asked (null: the operator). A tenant's request may touch only that tenant's SIMs, and
    /// only that tenant sees the request.
    /// </summary>
    public string? Tenant { get; init; }

    /// <summary>The x-correlator of the submitting request, carried into the audit log.</summary>
    public string? Correlator { get; init; }

    /// <summary>What an account-level operation (<see cref="IdentifierType.Tenant"/>) did; null for one SIM.</summary>
    public AccountCounts? Counts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>Status values as the API reports them.</summary>
public enum OperationStatus : byte
{
    InProgress = 0,
    Success = 1,
    Failed = 2,
}

/// <summary>The outcome of an account-level action over a tenant's SIMs.</summary>
/// <param name="Total">SIMs of the tenant.</param>
/// <param name="Changed">SIMs whose lock state changed.</param>
/// <param name="Unchanged">SIMs already in the target state (the action was a no-op for them).</param>
/// <param name="Failed">SIMs the action could not be applied to (e.g. rebind quota, store error).</param>
public sealed record AccountCounts(int Total, int Changed, int Unchanged, int Failed);
