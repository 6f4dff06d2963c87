namespace ImeiGuard.Redis;

/// <summary>
/// A CAMARA notification as a transition records it in the SIM's owed-notifications list (same slot as the binding, so
/// the violation and its notification commit together), until it is moved into the notification queue. Moving is
/// idempotent by <see cref="EventId"/>, so a crash between the two steps, or two instances relaying, never doubles it.
/// </summary>
internal sealed record OwedNotification(string SubscriptionId, string EventId, string Type, string Payload, bool Counted, long CreatedAtMs);
