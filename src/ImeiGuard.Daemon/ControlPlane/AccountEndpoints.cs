using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// <c>POST /api/v2/account/device-sim-lock</c>: ENABLE, DISABLE or RESET every SIM of a tenant in one call.
/// Asynchronous like the per-SIM action: 202 with a requestId; the finished request reports how many SIMs
/// changed, were already in that state, or failed. A tenant caller acts on its own tenant; the operator
/// names the tenant (there is no "every SIM of the network" switch).
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v2/account/device-sim-lock", SubmitAsync).RequireAuthorization(Scopes.AccountWrite, ControlPlaneAuthentication.NotDeviceBound);

    private static async Task<IResult> SubmitAsync(HttpContext http, LockOperationService operations)
    {
        var (body, error) = await RequestBodies.ReadAsync(http, DaemonJsonContext.Default.AccountLockBody, "{\"action\":\"DISABLE\",\"tenant\":\"acme\"}");
        var badAction = IdentifierRules.InvalidAction(body?.Action, out var action);
        if ((error ?? badAction) is { } invalid)
        {
            return invalid;
        }

        var caller = Caller.From(http.User);
        var tenant = caller.Tenant ?? body?.Tenant;
        if (string.IsNullOrEmpty(tenant))
        {
            return Envelope.Error(400, LockApiErrors.TenantRequired, "Name the tenant: {\"action\":\"DISABLE\",\"tenant\":\"acme\"}");
        }

        if (!caller.IsOperator && body?.Tenant is { Length: > 0 } named && !string.Equals(named, caller.Tenant, StringComparison.Ordinal))
        {
            return Envelope.Error(403, LockApiErrors.Forbidden, "A tenant caller acts only on its own account");
        }

        LockOperation operation;
        try
        {
            operation = operations.Submit(IdentifierType.Tenant, tenant, action, caller.Name, caller.Tenant, ControlPlaneAudit.CorrelatorOf(http));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        return Envelope.Ok(new RequestAccepted(operation.RequestId, "IN_PROGRESS"), StatusCodes.Status202Accepted);
    }
}

/// <summary>Body of POST /api/v2/account/device-sim-lock; <c>tenant</c> only for operator callers.</summary>
internal sealed record AccountLockBody(string? Action, string? Tenant);
