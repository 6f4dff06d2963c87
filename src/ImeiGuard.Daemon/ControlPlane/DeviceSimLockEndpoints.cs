using System.Security.Claims;
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
        app.MapBindingRules();
    }

    private static async Task<IResult> SubmitAsync(string type, string value, HttpContext http, LockOperationService operations)
    {
        if (InvalidSubscriber(type, value, out var identifierType) is { } invalid)
        {
            return invalid;
        }

        var (body, error) = await RequestBodies.ReadAsync(http, DaemonJsonContext.Default.LockRequestBody, "{\"action\":\"ENABLE\"}");
        var badAction = IdentifierRules.InvalidAction(body?.Action, out var action);
        if ((error ?? badAction) is { } invalidBody)
        {
            return invalidBody;
        }

        LockOperation operation;
        try
        {
            var caller = Caller.From(http.User);
            operation = operations.Submit(identifierType, value, action, caller.Name, caller.Tenant, ControlPlaneAudit.CorrelatorOf(http));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        return Envelope.Ok(new RequestAccepted(operation.RequestId, "IN_PROGRESS"), StatusCodes.Status202Accepted);
    }

    private static IResult GetRequest(string requestId, ClaimsPrincipal user, LockOperationService operations, ISubscriberDirectory directory)
    {
        var o = operations.Find(requestId);
        if (o is null || !CanSee(Caller.From(user), o, directory))
        {
            return Envelope.Error(404, LockApiErrors.RequestNotFound, "No request with this requestId");
        }

        var status = o.Status switch { OperationStatus.Success => "SUCCESS", OperationStatus.Failed => "FAILED", _ => "IN_PROGRESS" };
        return Envelope.Ok(new OperationView(
            o.RequestId, status, IdentifierRules.Name(o.Action), IdentifierRules.Name(o.IdentifierType), o.IdentifierValue,
            o.Imsi, o.ErrorCode, o.ErrorMessage, o.CreatedAt, o.CompletedAt, o.Counts));
    }

    /// <summary>
    /// A tenant sees only the requests it made, a 3-legged token only those about its own device's SIM; any
    /// other answers like an unknown requestId.
    /// </summary>
    private static bool CanSee(Caller caller, LockOperation o, ISubscriberDirectory directory) =>
        (caller.IsOperator || string.Equals(o.Tenant, caller.Tenant, StringComparison.Ordinal))
        && (!caller.IsDeviceBound
            || (o.IdentifierType != IdentifierType.Tenant && directory.TryResolve(o.IdentifierType, o.IdentifierValue, out var imsi) && caller.CanSee(imsi, directory)));

    internal static IResult GetBinding(string type, string value, ClaimsPrincipal user, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        if (InvalidSubscriber(type, value, out var identifierType) is { } invalid)
        {
            return invalid;
        }

        return directory.TryResolveVisible(Caller.From(user), identifierType, value, out var imsi)
            ? Envelope.Ok(ToView(imsi, directory, enforcer))
            : VisibleSubscribers.NotFound();
    }

    /// <summary>The binding view of a SIM (also the audit log's before/after of lock and rules changes).</summary>
    internal static BindingView ToView(Imsi imsi, ISubscriberDirectory directory, BindingEnforcer enforcer)
    {
        var aliases = directory.GetAliases(imsi);
        var record = enforcer.Find(imsi);
        return new BindingView(
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
            BindingRulesEndpoints.ToView(enforcer.EffectivePolicy(imsi, record?.Rules)));
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

    private static SightingView? ToView(Sighting s) => !s.IsPresent ? null : new SightingView(
        DateTimeOffset.FromUnixTimeMilliseconds(s.AtUnixMs),
        CommandFactory.FormatImei(s.Imei),
        s.Imei.IsEmpty ? null : s.Imei.Tac.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        s.NasIp == 0 ? null : CommandFactory.FormatIpv4(s.NasIp),
        CommandFactory.ToCommandLocation(s.Location));
}
