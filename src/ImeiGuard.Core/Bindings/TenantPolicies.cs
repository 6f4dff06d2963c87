namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Per-tenant policy overrides (configuration <c>ImeiGuard:Tenants:{name}:Policy</c>). They sit between the
/// global default and a SIM's own override. The enforcer copies a SIM's tenant override into its table entry
/// when the entry is loaded or the SIM's tenant changes, so deciding never looks a tenant up.
/// </summary>
public sealed class TenantPolicies
{
    private readonly Dictionary<string, PolicyOverride> _byTenant;

    public TenantPolicies(IReadOnlyDictionary<string, PolicyOverride> byTenant) =>
        _byTenant = new Dictionary<string, PolicyOverride>(byTenant, StringComparer.Ordinal);

    public static TenantPolicies None { get; } = new(new Dictionary<string, PolicyOverride>());

    /// <summary>The tenant's override; null for the operator's own SIMs and for tenants without one.</summary>
    public PolicyOverride? For(string? tenant) => tenant is not null && _byTenant.TryGetValue(tenant, out var policy) ? policy : null;
}
