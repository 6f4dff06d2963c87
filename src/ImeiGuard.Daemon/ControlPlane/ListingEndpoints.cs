using System.Security.Claims;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Paged listings across SIMs: bindings (optionally in one lock state), violations, and the whole binding
/// history, each newest or IMSI-ordered in the usual envelope. A tenant caller lists only its own SIMs.
/// </summary>
internal static class ListingEndpoints
{
    private static readonly string[] ViolationKinds = ["violation", "violation_alert"];

    public static void MapListings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/bindings", ListBindings).RequireAuthorization(Scopes.SimLockRead, ControlPlaneAuthentication.NotDeviceBound);
        app.MapGet("/api/v2/violations", ListViolations).RequireAuthorization(Scopes.SimLockRead, ControlPlaneAuthentication.NotDeviceBound);
        app.MapGet("/api/v2/history", ListHistory).RequireAuthorization(Scopes.SimLockRead, ControlPlaneAuthentication.NotDeviceBound);
    }

    private static IResult ListBindings(
        int? page, int? size, string? state, ClaimsPrincipal user, IBindingQueries queries, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        if (Paging.Invalid(page, size, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        LockState? filter = state?.ToUpperInvariant() switch
        {
            null or "" or "ALL" => null,
            "DISABLED" => LockState.Disabled,
            "ARMED" => LockState.Armed,
            "LOCKED" => LockState.Locked,
            "VIOLATED" => LockState.Violated,
            _ => (LockState)byte.MaxValue,
        };
        if (filter == (LockState)byte.MaxValue)
        {
            return Envelope.Error(400, LockApiErrors.InvalidPaging, "state must be DISABLED, ARMED, LOCKED, VIOLATED or ALL");
        }

        var (items, total) = queries.ListBindings(filter, Caller.From(user).Tenant, p, s);
        return Envelope.Page(items.Select(imsi => DeviceSimLockEndpoints.ToView(imsi, directory, enforcer)).ToList(), p, s, total);
    }

    private static IResult ListViolations(int? page, int? size, ClaimsPrincipal user, IBindingQueries queries) =>
        ListEvents(page, size, ViolationKinds, user, queries);

    private static IResult ListHistory(int? page, int? size, ClaimsPrincipal user, IBindingQueries queries) =>
        ListEvents(page, size, null, user, queries);

    private static IResult ListEvents(int? page, int? size, IReadOnlyList<string>? kinds, ClaimsPrincipal user, IBindingQueries queries)
    {
        if (Paging.Invalid(page, size, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        var (items, total) = queries.ListEvents(kinds, Caller.From(user).Tenant, p, s);
        return Envelope.Page(items.Select(static e => new SimEventView(
            e.Imsi.ToString(), DateTimeOffset.FromUnixTimeMilliseconds(e.Event.AtUnixMs), e.Event.Kind,
            CommandFactory.FormatImei(e.Event.Imei), CommandFactory.FormatImei(e.Event.OtherImei), e.Event.Episode, e.Event.Detail)).ToList(), p, s, total);
    }
}

/// <summary>A history event of some SIM (kinds in docs/binding-model.md).</summary>
internal sealed record SimEventView(string Imsi, DateTimeOffset At, string Kind, string? Imei, string? OtherImei, long Episode, string? Detail);
