using System.Security.Claims;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// <c>GET /api/v2/tenants/{tenant}/policy</c>: a tenant's policy override (configuration
/// <c>ImeiGuard:Tenants:{tenant}:Policy</c>) and the policy its SIMs get from it over the global default, before any
/// SIM's own override. A tenant caller reads only its own tenant's.
/// </summary>
internal static class TenantEndpoints
{
    public static void MapTenants(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v2/tenants/{tenant}/policy", GetPolicy).RequireAuthorization(Scopes.SimLockRead, ControlPlaneAuthentication.NotDeviceBound);

    private static IResult GetPolicy(string tenant, ClaimsPrincipal user, BindingEnforcer enforcer)
    {
        var caller = Caller.From(user);
        if (!caller.IsOperator && !string.Equals(caller.Tenant, tenant, StringComparison.Ordinal))
        {
            return Envelope.Error(StatusCodes.Status403Forbidden, Core.Operations.LockApiErrors.Forbidden, "A tenant caller reads only its own tenant's policy");
        }

        var custom = enforcer.TenantOverride(tenant);
        return Envelope.Ok(new TenantPolicyView(
            tenant,
            custom is null ? null : BindingRulesEndpoints.ToBody(custom),
            BindingRulesEndpoints.ToView(BindingPolicy.Resolve(enforcer.Policy, custom, null))));
    }
}

/// <summary>A tenant's policy override (null: none) and the resulting policy of its SIMs without their own override.</summary>
internal sealed record TenantPolicyView(string Tenant, PolicyBody? Override, PolicyView Effective);
