using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Daemon.ControlPlane;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// <c>/subscriptions</c> of the CAMARA IoT SIM Fraud Prevention Subscriptions API
/// (../shared/specs/camara/iot-sim-fraud-prevention-subscriptions.yaml): create (201, synchronous), list, get, delete
/// (204). A subscription belongs to the tenant that created it: other tenants get 404 for it and never see it listed;
/// a 3-legged caller sees only those of its own device.
/// </summary>
internal static class SubscriptionEndpoints
{
    private const int MaxListed = 1000;

    public static void MapSubscriptions(this IEndpointRouteBuilder api)
    {
        api.MapPost("/subscriptions", CreateAsync).RequireAuthorization(Scopes.CamaraSubscriptionsSubscribe);
        api.MapGet("/subscriptions", List).RequireAuthorization(Scopes.CamaraSubscriptionsRead);
        api.MapGet("/subscriptions/{subscriptionId}", Get).RequireAuthorization(Scopes.CamaraSubscriptionsRead);
        api.MapDelete("/subscriptions/{subscriptionId}", Delete).RequireAuthorization(Scopes.CamaraSubscriptionsDelete);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, DeviceResolver resolver, ISubscriptionStore store, BindingEnforcer enforcer, CloudEventWriter events, TimeProvider time, IControlPlaneAudit audit)
    {
        var now = time.GetUtcNow();
        var (request, error) = SubscriptionRequestReader.Read(await CamaraBody.ReadObjectAsync(http.Request), now);
        var caller = Caller.From(http.User);
        var sim = request is null ? default : resolver.Identify(caller, request.Device);
        if ((error ?? sim.Error) is { } refused)
        {
            return refused;
        }

        var subscription = new FraudSubscription
        {
            Id = Guid.CreateVersion7(now).ToString(),
            Imsi = sim.Imsi,
            EventType = request!.EventType,
            Tenant = caller.Tenant,
            Owner = caller.Name,
            Sink = request.Sink,
            AccessToken = request.AccessToken,
            AccessTokenExpiresAt = request.AccessTokenExpiresAt,
            DeviceJson = request.Device?.Body is { } device ? JsonSerializer.Serialize(device, CamaraJsonContext.Relaxed.DeviceBody) : null,
            ExpireTime = request.ExpireTime,
            MaxEvents = request.MaxEvents,
            InitialEvent = request.InitialEvent,
            StartsAt = now,
        };
        try
        {
            store.Create(subscription, subscription.InitialEvent ? InitialEvents.For(subscription, enforcer, events) : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CamaraError.Result(StatusCodes.Status503ServiceUnavailable, CamaraError.Unavailable, CamaraError.UnavailableMessage);
        }

        audit.Record(caller, "camara.subscribe", sim.Imsi, $"subscription {subscription.Id} to {subscription.EventType}");
        return Results.Json(ToView(subscription), CamaraJsonContext.Relaxed.SubscriptionView, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(HttpContext http, ISubscriptionStore store, DeviceResolver resolver)
    {
        var caller = Caller.From(http.User);
        IReadOnlyList<SubscriptionView> visible = [.. store.List(caller.Tenant, MaxListed).Where(s => IsVisible(caller, s, resolver)).Select(ToView)];
        return Results.Json(visible, CamaraJsonContext.Relaxed.IReadOnlyListSubscriptionView);
    }

    private static IResult Get(string subscriptionId, HttpContext http, ISubscriptionStore store, DeviceResolver resolver) =>
        store.Find(subscriptionId) is { } s && IsVisible(Caller.From(http.User), s, resolver)
            ? Results.Json(ToView(s), CamaraJsonContext.Relaxed.SubscriptionView)
            : NotFound();

    private static IResult Delete(string subscriptionId, HttpContext http, ISubscriptionStore store, DeviceResolver resolver, IControlPlaneAudit audit)
    {
        var caller = Caller.From(http.User);
        if (store.Find(subscriptionId) is not { } s || !IsVisible(caller, s, resolver) || !store.Delete(subscriptionId))
        {
            return NotFound();
        }

        audit.Record(caller, "camara.unsubscribe", s.Imsi, $"subscription {subscriptionId} deleted");
        return Results.NoContent();
    }

    /// <summary>Of the caller's tenant (the operator sees all); for a 3-legged caller, also of the caller's own device.</summary>
    private static bool IsVisible(Caller caller, FraudSubscription subscription, DeviceResolver resolver) =>
        (caller.IsOperator || string.Equals(subscription.Tenant, caller.Tenant, StringComparison.Ordinal))
        && (caller.Device is null || resolver.Identify(caller, null) is { Error: null } own && own.Imsi == subscription.Imsi);

    private static SubscriptionView ToView(FraudSubscription s) => new(
        "HTTP",
        s.Sink,
        [s.EventType],
        new SubscriptionConfigView(
            new SubscriptionDetailView(s.DeviceJson is null ? null : JsonSerializer.Deserialize(s.DeviceJson, CamaraJsonContext.Relaxed.DeviceBody)),
            s.ExpireTime is { } expire ? CloudEventWriter.FormatTime(expire) : null,
            s.MaxEvents,
            s.InitialEvent),
        s.Id,
        CloudEventWriter.FormatTime(s.StartsAt),
        s.ExpiresAt is { } ends ? CloudEventWriter.FormatTime(ends) : null,
        s.Status == SubscriptionStatus.Active ? "ACTIVE" : "EXPIRED");

    private static IResult NotFound() => CamaraError.Result(StatusCodes.Status404NotFound, CamaraError.NotFound, CamaraError.NotFoundMessage);
}
