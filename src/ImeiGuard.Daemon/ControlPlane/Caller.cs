using System.Security.Claims;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Who is calling the control plane, as the authentication scheme established it: a name for the audit
/// trail, the tenant the caller acts for (null for the operator, who sees every SIM) and, for a 3-legged
/// token, the device the token was issued for.
/// </summary>
internal sealed record Caller(string Name, string? Tenant, string? Device)
{
    /// <summary>Claim naming the enterprise a caller acts for.</summary>
    public const string TenantClaim = "tenant";

    /// <summary>Claim naming the device of a 3-legged token (e.g. "tel:+491701234567" or "imsi:262011234567890").</summary>
    public const string DeviceClaim = "device";

    public bool IsOperator => Tenant is null;

    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "anonymous",
        user.FindFirst(TenantClaim)?.Value is { Length: > 0 } tenant ? tenant : null,
        user.FindFirst(DeviceClaim)?.Value is { Length: > 0 } device ? device : null);

    /// <summary>True for a 3-legged token: it acts for one device only.</summary>
    public bool IsDeviceBound => Device is not null;

    /// <summary>
    /// Whether the caller may see a SIM. A tenant sees only the SIMs registered to it, and a 3-legged token only
    /// the SIM of its device; callers must answer for any other SIM exactly as for an unknown one, so that a
    /// tenant cannot probe another's inventory.
    /// </summary>
    public bool CanSee(Imsi imsi, ISubscriberDirectory directory) =>
        (IsOperator || string.Equals(directory.TenantOf(imsi), Tenant, StringComparison.Ordinal))
        && (Device is null || (TryResolveDevice(directory, out var own) && own.Packed == imsi.Packed));

    /// <summary>
    /// The SIM a 3-legged token's <c>device</c> claim names: <c>tel:+&lt;MSISDN&gt;</c> (through the directory) or
    /// <c>imsi:&lt;IMSI&gt;</c>. Any other form names no SIM, so such a token sees nothing.
    /// </summary>
    public bool TryResolveDevice(ISubscriberDirectory directory, out Imsi imsi)
    {
        imsi = default;
        return Device switch
        {
            ['t', 'e', 'l', ':', .. var msisdn] => directory.TryResolve(IdentifierType.Msisdn, msisdn, out imsi),
            ['i', 'm', 's', 'i', ':', .. var digits] => Imsi.TryParse(digits, out imsi),
            _ => false,
        };
    }
}
