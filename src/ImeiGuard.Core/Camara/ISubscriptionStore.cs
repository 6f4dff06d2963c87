namespace ImeiGuard.Core.Camara;

/// <summary>
/// Durable CAMARA subscriptions and their notification queue. Every queued event is kept until the sink
/// acknowledges it with a 2xx or it expires; a subscription's events go out strictly in order.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Stores the subscription with its subscription-started event and, when given, its initial event, in one transaction.</summary>
    void Create(FraudSubscription subscription, PendingEvent? initialEvent);

    /// <summary>A subscription that was not deleted, or null.</summary>
    FraudSubscription? Find(string id);

    /// <summary>Subscriptions that were not deleted, oldest first: of one tenant, or every one for a null tenant (the operator).</summary>
    IReadOnlyList<FraudSubscription> List(string? tenant, int max);

    /// <summary>Deletes: no further events are queued but subscription-ended, after those already queued. False when it does not exist (any more).</summary>
    bool Delete(string id);

    /// <summary>Ends active subscriptions past their expire time or (a lead time before) their sink token's expiry, queuing subscription-ended. Returns how many.</summary>
    int EndDue(DateTimeOffset now, TimeSpan tokenLead);

    /// <summary>The sink answered 410 Gone: the subscription ends at once and its undelivered events are dropped.</summary>
    void EndGone(string subscriptionId);

    /// <summary>The head of each subscription's queue that is due, with its sink and credential.</summary>
    IReadOnlyList<DueNotification> GetDue(DateTimeOffset now, int max);

    void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus);

    void MarkFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error);

    /// <summary>Gives up events queued before <paramref name="createdBefore"/> or whose sink token has expired. Returns how many.</summary>
    int ExpireUndelivered(DateTimeOffset createdBefore, DateTimeOffset now);

    /// <summary>Events waiting for delivery, and active subscriptions (gauges).</summary>
    (long PendingEvents, long ActiveSubscriptions) Counts();
}
