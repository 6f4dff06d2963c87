namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A shared store could not be reached (connection down or timed out). Nothing was written. The enforcer
/// hands the observation to <see cref="IDeferredDecisions"/> so that it is decided again once the store is back.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : base("The store is unavailable")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
