using System.Security.Claims;
using ImeiGuard.Core.Audit;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// <c>GET /api/v2/audit?page=&amp;size=&amp;tenant=&amp;target=</c>: the audit log, newest first. Operators may filter
/// by tenant; a tenant caller always reads its own tenant's entries only.
/// </summary>
internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v2/audit", List).RequireAuthorization(Scopes.AuditRead, ControlPlaneAuthentication.NotDeviceBound);

    private static IResult List(int? page, int? size, string? tenant, string? target, ClaimsPrincipal user, IAuditLog audit)
    {
        if (Paging.Invalid(page, size, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        var (items, total) = audit.List(p, s, Caller.From(user).Tenant ?? NullIfEmpty(tenant), NullIfEmpty(target));
        return Envelope.Page(items.Select(static e => new AuditView(e.Id, e.At, e.Actor, e.Tenant, e.Action, e.Target, Parse(e.Before), Parse(e.After), e.Correlator)).ToList(), p, s, total);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static System.Text.Json.JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

/// <summary>An audit entry as the API shows it: before and after as JSON objects.</summary>
internal sealed record AuditView(
    long Id, DateTimeOffset At, string Actor, string? Tenant, string Action, string? Target,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, string? Correlator);
