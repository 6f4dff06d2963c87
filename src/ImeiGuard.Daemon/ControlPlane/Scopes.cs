using System.Security.Claims;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Authorization scopes of the control plane; each is also the name of its policy.</summary>
internal static class Scopes
{
    public const string SimLockWrite = "simlock:write";
    public const string SimLockRead = "simlock:read";
    public const string EnforcementRead = "enforcement:read";
    public const string SubscribersWrite = "subscribers:write";
    public const string SubscribersRead = "subscribers:read";

    /// <summary>ENABLE/DISABLE/RESET every SIM of a tenant in one call.</summary>
    public const string AccountWrite = "account:write";

    /// <summary>Read the audit log (a tenant caller sees only its own tenant's entries).</summary>
    public const string AuditRead = "audit:read";

    /// <summary>Replace the cell database (PUT /api/v2/cells).</summary>
    public const string CellsWrite = "cells:write";

    // CAMARA IoT SIM Fraud Prevention, named as in the securitySchemes of ../shared/specs/camara/*.yaml.
    public const string CamaraBind = "iot-sim-fraud-prevention:bind";
    public const string CamaraUnbind = "iot-sim-fraud-prevention:unbind";
    public const string CamaraQuery = "iot-sim-fraud-prevention:query";
    public const string CamaraSubscriptionsSubscribe = "iot-sim-fraud-prevention-subscriptions:subscribe";
    public const string CamaraSubscriptionsRead = "iot-sim-fraud-prevention-subscriptions:read";
    public const string CamaraSubscriptionsDelete = "iot-sim-fraud-prevention-subscriptions:delete";

    /// <summary>The claim types that carry scopes: <c>scope</c> (OAuth2, space-separated) and <c>scp</c> (some providers; one claim per scope or space-separated).</summary>
    public const string ScopeClaim = "scope";
    public const string ScpClaim = "scp";

    public static IReadOnlyList<string> All { get; } =
    [
        SimLockWrite, SimLockRead, EnforcementRead, SubscribersWrite, SubscribersRead, AccountWrite, AuditRead, CellsWrite,
        CamaraBind, CamaraUnbind, CamaraQuery, CamaraSubscriptionsSubscribe, CamaraSubscriptionsRead, CamaraSubscriptionsDelete,
    ];

    /// <summary>Whether the principal holds <paramref name="scope"/> in any scope or scp claim.</summary>
    public static bool Has(ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.Claims)
        {
            if (claim.Type is not (ScopeClaim or ScpClaim))
            {
                continue;
            }

            var value = claim.Value.AsSpan();
            foreach (var range in value.Split(' '))
            {
                if (value[range].SequenceEqual(scope))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
