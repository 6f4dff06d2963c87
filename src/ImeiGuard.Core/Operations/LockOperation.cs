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
