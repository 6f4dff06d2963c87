using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Camara;

/// <summary>Where a subscription is in its life (the CAMARA Subscription status values it can take).</summary>
public enum SubscriptionStatus
{
    Active = 0,

    /// <summary>Ended by its expire time, its max events, its sink token's expiry or a 410 from the sink.</summary>
    Expired = 1,

    /// <summary>Deleted by the consumer; no longer listed or found.</summary>
    Deleted = 2,
}

/// <summary>
/// A CAMARA fraud-prevention subscription: one SIM, one event type, one HTTPS sink. <see cref="AccessToken"/> is the
/// sink credential (sent as a bearer token, never shown in answers). <see cref="DeviceJson"/> is the Device object as
/// the consumer sent it, echoed in events; null for a 3-legged subscription (data minimisation).
/// </summary>
public sealed record FraudSubscription
{
    public required string Id { get; init; }

    public required Imsi Imsi { get; init; }

    public required string EventType { get; init; }

    /// <summary>The tenant of the caller that created it; null for the operator. Other tenants cannot see it.</summary>
    public string? Tenant { get; init; }

    /// <summary>The caller that created it (audit).</summary>
    public required string Owner { get; init; }

    public required string Sink { get; init; }

    public string? AccessToken { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    public string? DeviceJson { get; init; }

    /// <summary>The requested subscriptionExpireTime.</summary>
    public DateTimeOffset? ExpireTime { get; init; }

    /// <summary>The requested subscriptionMaxEvents: events counted (not lifecycle events) before it ends.</summary>
    public int? MaxEvents { get; init; }

    public bool InitialEvent { get; init; }

    public int EventsSent { get; init; }

    public SubscriptionStatus Status { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When it ended, or null while active.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The earlier of the requested expire time and the sink token's expiry: when it ends unless something ends it first.</summary>
    public DateTimeOffset? ExpiresAt => (ExpireTime, AccessTokenExpiresAt) switch
    {
        ({ } e, { } t) => e < t ? e : t,
        ({ } e, null) => e,
        (null, var t) => t,
    };
}

/// <summary>An event to append to a subscription's queue. Counted events draw on subscriptionMaxEvents; lifecycle events do not.</summary>
public sealed record PendingEvent(string EventId, string Type, string Payload, bool Counted);

/// <summary>A notification due for delivery, with where and how to send it.</summary>
public sealed record DueNotification(long Sequence, string SubscriptionId, string EventId, string Type, string Payload, string Sink, string? AccessToken, int Attempts);
