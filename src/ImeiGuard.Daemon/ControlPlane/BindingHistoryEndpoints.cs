using System.Globalization;
using System.Security.Claims;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// A SIM's binding history, paged with the usual envelope: <c>GET .../device-sim-lock/history</c>
/// (transitions, newest first) and <c>GET .../device-sim-lock/history/devices</c> (IMSI↔IMEI pairings,
/// most recently seen first).
/// </summary>
internal static class BindingHistoryEndpoints
{
    public static void MapBindingHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/subscriber/{type}/{value}/device-sim-lock/history", GetHistory).RequireAuthorization(Scopes.SimLockRead);
        app.MapGet("/api/v2/subscriber/{type}/{value}/device-sim-lock/history/devices", GetDevices).RequireAuthorization(Scopes.SimLockRead);
    }

    private static IResult GetHistory(string type, string value, int? page, int? size, ClaimsPrincipal user, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        if (Resolve(type, value, page, size, Caller.From(user), directory, out var imsi, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        var (items, total) = enforcer.History(imsi, p, s);
        var views = items.Select(static e => new HistoryEventView(
            DateTimeOffset.FromUnixTimeMilliseconds(e.AtUnixMs), e.Kind, CommandFactory.FormatImei(e.Imei), CommandFactory.FormatImei(e.OtherImei), e.Episode, e.Detail)).ToList();
        return Envelope.Page(views, p, s, total);
    }

    private static IResult GetDevices(string type, string value, int? page, int? size, ClaimsPrincipal user, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        if (Resolve(type, value, page, size, Caller.From(user), directory, out var imsi, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        var (items, total) = enforcer.Devices(imsi, p, s);
        var views = items.Select(static d => new DevicePairingView(
            d.Imei.ToImeiString(),
            d.Imei.Tac.ToString("D8", CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(d.FirstSeenUnixMs),
            DateTimeOffset.FromUnixTimeMilliseconds(d.LastSeenUnixMs))).ToList();
        return Envelope.Page(views, p, s, total);
    }

    private static IResult? Resolve(
        string type, string value, int? page, int? size, Caller caller, ISubscriberDirectory directory, out Protocols.Identifiers.Imsi imsi, out int p, out int s)
    {
        imsi = default;
        var badPaging = Paging.Invalid(page, size, out p, out s);
        if ((DeviceSimLockEndpoints.InvalidSubscriber(type, value, out var identifierType) ?? badPaging) is { } invalid)
        {
            return invalid;
        }

        return directory.TryResolveVisible(caller, identifierType, value, out imsi) ? null : VisibleSubscribers.NotFound();
    }
}
