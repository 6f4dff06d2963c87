namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A store refused a write because the stored binding changed since it was read (its
/// <see cref="BindingRecord.Version"/> moved on): another instance decided first. The enforcer adopts
/// <see cref="Current"/> and decides again, so the loser of a race judges the record against the winner's state.
/// </summary>
public sealed class BindingConflictException : Exception
{
    public BindingConflictException(BindingRecord? current)
        : base("The binding changed since it was read")
    {
        Current = current;
    }

    public BindingConflictException()
        : this((BindingRecord?)null)
    {
    }

    public BindingConflictException(string message)
        : base(message)
    {
    }

    public BindingConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stored binding now; null when there is none.</summary>
    public BindingRecord? Current { get; }
}
