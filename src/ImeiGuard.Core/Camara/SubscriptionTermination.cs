namespace ImeiGuard.Core.Camara;

/// <summary>The CAMARA TerminationReason values ImeiGuard gives in a subscription-ended event.</summary>
public static class SubscriptionTermination
{
    public const string MaxEventsReached = "MAX_EVENTS_REACHED";
    public const string SubscriptionExpired = "SUBSCRIPTION_EXPIRED";
    public const string AccessTokenExpired = "ACCESS_TOKEN_EXPIRED";
    public const string SubscriptionDeleted = "SUBSCRIPTION_DELETED";
    public const string NetworkTerminated = "NETWORK_TERMINATED";
}
