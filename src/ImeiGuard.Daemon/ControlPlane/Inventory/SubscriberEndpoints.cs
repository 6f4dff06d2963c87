using System.Security.Claims;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.AspNetCore.Http.Features;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane.Inventory;

/// <summary>
/// The SIM inventory: IMSI with ICCID, MSISDN, owning tenant and labels, one at a time (PUT/GET), as a paged
/// list, and in bulk from CSV, where every row is validated first and all rows are stored in one transaction,
/// or none. Tenant callers see and change only their own tenant's SIMs.
/// </summary>
internal static class SubscriberEndpoints
{
    /// <summary>An import may be far larger than an API call (the global limit is 1 MiB): about 400,000 rows.</summary>
    private const long MaxImportBytes = 32L * 1024 * 1024;

    public static void MapSubscribers(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v2/subscriber/imsi/{imsi}", PutAsync).RequireAuthorization(Scopes.SubscribersWrite, ControlPlaneAuthentication.NotDeviceBound);
        app.MapGet("/api/v2/subscriber/imsi/{imsi}", Get).RequireAuthorization(Scopes.SubscribersRead);
        app.MapGet("/api/v2/subscribers", List).RequireAuthorization(Scopes.SubscribersRead, ControlPlaneAuthentication.NotDeviceBound);
        app.MapPost("/api/v2/subscribers:import", ImportAsync).RequireAuthorization(Scopes.SubscribersWrite, ControlPlaneAuthentication.NotDeviceBound);
    }

    private static async Task<IResult> PutAsync(
        string imsi, HttpContext http, ISubscriberDirectory directory, ISubscriberInventory inventory, ControlPlaneAudit audit)
    {
        var (body, error) = await RequestBodies.ReadAsync(http, DaemonJsonContext.Default.SubscriberBody, "{\"msisdn\":\"491701234567\",\"iccid\":\"8949...\",\"labels\":[\"fleet\"]}");
        if (error is not null)
        {
            return error;
        }

        var caller = Caller.From(http.User);
        if (!SubscriberInput.TryBuild(imsi, body?.Msisdn, body?.Iccid, body?.Tenant, body?.Labels, caller, inventory, out var subscriber, out var problem))
        {
            return problem.Message == VisibleSubscribers.NotFoundMessage ? VisibleSubscribers.NotFound() : Envelope.Error(400, CodeOf(problem), problem.Message);
        }

        try
        {
            var before = inventory.Find(Imsi.FromPacked(subscriber.ImsiPacked));
            directory.RegisterAll([subscriber]);
            var after = SubscriberInput.ToView(subscriber);
            audit.Record(http, "subscriber.put", subscriber.Tenant ?? before?.Tenant, "imsi:" + after.Imsi, before is null ? null : SubscriberInput.ToView(before), after);
            return Envelope.Ok(after);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }
    }

    private static IResult Get(string imsi, ClaimsPrincipal user, ISubscriberDirectory directory, ISubscriberInventory inventory)
    {
        if (!Imsi.TryParse(imsi, out var parsed))
        {
            return Envelope.Error(400, LockApiErrors.InvalidIdentifierValue, $"'{imsi}' is not a valid imsi");
        }

        return Caller.From(user).CanSee(parsed, directory) && inventory.Find(parsed) is { } found
            ? Envelope.Ok(SubscriberInput.ToView(found))
            : VisibleSubscribers.NotFound();
    }

    /// <summary>Operators may filter by <paramref name="tenant"/>; a tenant caller always gets its own.</summary>
    private static IResult List(int? page, int? size, string? tenant, ClaimsPrincipal user, ISubscriberInventory inventory)
    {
        if (Paging.Invalid(page, size, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        var (items, total) = inventory.List(p, s, Caller.From(user).Tenant ?? (string.IsNullOrEmpty(tenant) ? null : tenant));
        return Envelope.Page(items.Select(SubscriberInput.ToView).ToList(), p, s, total);
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, ISubscriberDirectory directory, ISubscriberInventory inventory, ControlPlaneAudit audit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        string text;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            text = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return Envelope.Error(413, LockApiErrors.InvalidBody, $"An import is at most {MaxImportBytes / (1024 * 1024)} MiB; split the file");
        }

        var caller = Caller.From(http.User);
        var (rows, errors) = SubscriberCsv.Parse(text, caller, inventory);
        if (errors.Count > 0)
        {
            var shown = errors.Count > SubscriberCsv.MaxReportedErrors ? errors[..SubscriberCsv.MaxReportedErrors] : errors;
            return Envelope.Error(400, LockApiErrors.ImportRejected, $"{errors.Count} row(s) rejected, nothing imported" + (shown.Count < errors.Count ? $"; the first {shown.Count} are listed" : ""), shown);
        }

        try
        {
            directory.RegisterAll(rows);
            var result = new ImportResult(rows.Count);
            audit.Record(http, "subscribers.import", caller.Tenant, "subscribers", null, result);
            return Envelope.Ok(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }
    }

    private static string CodeOf(SubscriberInput.Problem problem) =>
        problem.Column is "imsi" or "msisdn" or "iccid" ? LockApiErrors.InvalidIdentifierValue : LockApiErrors.InvalidInventoryField;
}

/// <summary>What an import stored.</summary>
internal sealed record ImportResult(int Imported);
