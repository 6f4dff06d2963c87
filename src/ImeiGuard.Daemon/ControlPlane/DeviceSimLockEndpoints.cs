using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// The subscriber device-sim-lock API. Changes are asynchronous: POST stores the request and answers
/// 202 with a requestId; GET /api/v2/requests/{requestId} reports IN_PROGRESS, SUCCESS or FAILED.
/// </summary>
internal static class DeviceSimLockEndpoints
{
    public static void MapDeviceSimLock(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/subscriber/{type}/{value}/device-sim-lock", SubmitAsync).RequireAuthorization(Scopes.SimLockWrite);
        app.MapGet("/api/v2/subscriber/{type}/{value}/device-sim-lock", GetBinding).RequireAuthorization(Scopes.SimLockRead);
        app.MapGet("/api/v2/requests/{requestId}", GetRequest).RequireAuthorization(Scopes.SimLockRead);
        app.MapPut("/api/v2/subscriber/imsi/{imsi}", RegisterAsync).RequireAuthorization(Scopes.SubscribersWrite);
        app.MapBindingRules();
    }

    private static async Task<IResult> SubmitAsync(string type, string value, HttpContext http, LockOperationService operations)
    {
        if (InvalidSubscriber(type, value, out var identifierType) is { } invalid)
        {
            return invalid;
        }

        LockRequestBody? body;
        try
        {
            // Read as JSON whatever the Content-Type: curl -d sends form encoding by default.
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, DaemonJsonContext.Default.LockRequestBody, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Envelope.Error(400, LockApiErrors.InvalidBody, "The body must be JSON like {\"action\":\"ENABLE\"}");
        }

        if (!IdentifierRules.TryParseAction(body?.Action, out var action))
        {
            return Envelope.Error(400, LockApiErrors.UnknownAction, "Unknown action: use ENABLE, DISABLE or RESET");
        }

        LockOperation operation;
        try
        {
            operation = operations.Submit(identifierType, value, action, http.User.Identity?.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        return Envelope.Ok(new RequestAccepted(operation.RequestId, "IN_PROGRESS"), StatusCodes.Status202Accepted);
    }

    private static IResult GetRequest(string requestId, LockOperationService operations)
    {
        var o = operations.Find(requestId);
        if (o is null)
        {
            return Envelope.Error(404, LockApiErrors.RequestNotFound, "No request with this requestId");
        }

        var status = o.Status switch { OperationStatus.Success => "SUCCESS", OperationStatus.Failed => "FAILED", _ => "IN_PROGRESS" };
        return Envelope.Ok(new OperationView(
            o.RequestId, status, IdentifierRules.Name(o.Action), IdentifierRules.Name(o.IdentifierType), o.IdentifierValue,
            o.Imsi, o.ErrorCode, o.ErrorMessage, o.CreatedAt, o.CompletedAt));
    }

    internal static IResult GetBinding(string type, string value, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        if (InvalidSubscriber(type, value, out var identifierType) is { } invalid)
        {
            return invalid;
        }

        if (!directory.TryResolve(identifierType, value, out var imsi))
        {
            return Envelope.Error(404, LockApiErrors.SubscriberNotFound, "No SIM is known for this identifier");
        }

        var aliases = directory.GetAliases(imsi);
        var record = enforcer.Find(imsi);
        return Envelope.Ok(new BindingView(
            imsi.ToString(),
            aliases.Msisdn,
            aliases.Iccid,
            IdentifierRules.Name(record?.State ?? LockState.Disabled),
            CommandFactory.FormatImei(record?.BoundImei ?? default),
            CommandFactory.FormatImei(record?.ViolatingImei ?? default),
            record?.Episode ?? 0,
            ToView(record?.FirstSeen ?? default),
            ToView(record?.LastSeen ?? default),
            record?.UpdatedAt,
            BindingRulesEndpoints.ToView(record?.Rules),
            BindingRulesEndpoints.ToView(record?.Rules?.Policy is { } custom ? custom.Over(enforcer.Policy) : enforcer.Policy)));
    }

    /// <summary>The 400 answer for an unknown identifier type or a malformed value; null when both are valid.</summary>
    internal static IResult? InvalidSubscriber(string type, string value, out IdentifierType identifierType)
    {
        if (!IdentifierRules.TryParseType(type, out identifierType))
        {
            return Envelope.Error(400, LockApiErrors.UnknownIdentifierType, "Unknown subscriber identifier type: use imsi, iccid, msisdn or imei");
        }

        return IdentifierRules.IsValidValue(identifierType, value)
            ? null
            : Envelope.Error(400, LockApiErrors.InvalidIdentifierValue, $"'{value}' is not a valid {IdentifierRules.Name(identifierType)}");
    }

    private static async Task<IResult> RegisterAsync(string imsi, HttpContext http, ISubscriberDirectory directory)
    {
        if (!Imsi.TryParse(imsi, out var parsed))
        {
            return Envelope.Error(400, LockApiErrors.InvalidIdentifierValue, $"'{imsi}' is not a valid imsi");
        }

        SubscriberBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, DaemonJsonContext.Default.SubscriberBody, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Envelope.Error(400, LockApiErrors.InvalidBody, "The body must be JSON like {\"msisdn\":\"491701234567\",\"iccid\":\"8949...\"}");
        }

        var msisdn = default(Msisdn);
        if (body?.Msisdn is { Length: > 0 } m && !Msisdn.TryParse(m, out msisdn))
        {
            return Envelope.Error(400, LockApiErrors.InvalidIdentifierValue, $"'{m}' is not a valid msisdn");
        }

        if (body?.Iccid is { Length: > 0 } iccid && !IdentifierRules.IsIccid(iccid))
        {
            return Envelope.Error(400, LockApiErrors.InvalidIdentifierValue, $"'{iccid}' is not a valid iccid");
        }

        try
        {
            directory.Register(parsed, msisdn, body?.Iccid, body?.Tenant);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        var aliases = directory.GetAliases(parsed);
        return Envelope.Ok(new SubscriberView(parsed.ToString(), aliases.Msisdn, aliases.Iccid, directory.TenantOf(parsed)));
    }

    private static SightingView? ToView(Sighting s) => !s.IsPresent ? null : new SightingView(
        DateTimeOffset.FromUnixTimeMilliseconds(s.AtUnixMs),
        CommandFactory.FormatImei(s.Imei),
        s.Imei.IsEmpty ? null : s.Imei.Tac.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        s.NasIp == 0 ? null : CommandFactory.FormatIpv4(s.NasIp),
        CommandFactory.ToCommandLocation(s.Location));
}
