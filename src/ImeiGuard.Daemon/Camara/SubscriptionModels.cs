namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// The CAMARA <c>Subscription</c> (HTTP protocol). The sink credential is never shown; the device only for a
/// subscription made with a 2-legged token (data minimisation for 3-legged ones).
/// </summary>
internal sealed record SubscriptionView(
    string Protocol, string Sink, string[] Types, SubscriptionConfigView Config, string Id, string StartsAt, string? ExpiresAt, string Status);

/// <summary>The subscription's <c>Config</c> as requested.</summary>
internal sealed record SubscriptionConfigView(SubscriptionDetailView SubscriptionDetail, string? SubscriptionExpireTime, int? SubscriptionMaxEvents, bool InitialEvent);

/// <summary><c>SubscriptionDetail</c>.</summary>
internal sealed record SubscriptionDetailView(DeviceBody? Device);

/// <summary>A validated subscription request: what to watch, where to deliver, with which credential, until when.</summary>
internal sealed record SubscriptionRequest(
    string EventType, string Sink, string? AccessToken, DateTimeOffset? AccessTokenExpiresAt, ParsedDevice? Device,
    DateTimeOffset? ExpireTime, int? MaxEvents, bool InitialEvent);
