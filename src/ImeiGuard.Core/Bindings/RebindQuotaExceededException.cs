namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A RESET refused because the SIM already used its rebind quota (<c>ImeiGuard:Policy:RebindLimit</c> per
/// <c>RebindPeriod</c>). Thrown by <see cref="BindingEnforcer.Apply"/> before anything is written; the
/// operation fails with <c>SIMLOCK_1008</c>. Admin path only, never the hot path.
/// </summary>
public sealed class RebindQuotaExceededException : InvalidOperationException
{
    public RebindQuotaExceededException()
        : base("Rebind quota exceeded")
    {
    }

    public RebindQuotaExceededException(string message)
        : base(message)
    {
    }

    public RebindQuotaExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
