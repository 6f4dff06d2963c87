using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>Per-tenant settings (section "ImeiGuard:Tenants:{name}"), keyed by the tenant name of the inventory and the tokens.</summary>
public sealed class TenantsOptions
{
    public Dictionary<string, TenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tenants' policy overrides, for the enforcer.</summary>
    public TenantPolicies ToPolicies() => new(Tenants.Where(static t => t.Value.Policy.ToOverride() is not null)
        .ToDictionary(static t => t.Key, static t => t.Value.Policy.ToOverride()!, StringComparer.Ordinal));

    /// <summary>True when every configured value is in range (enums defined, interval 0..1 day).</summary>
    public bool IsValid() => Tenants.Values.All(static t => t.Policy.IsValid());
}

/// <summary>One tenant's settings.</summary>
public sealed class TenantOptions
{
    /// <summary>Overrides of the global <c>ImeiGuard:Policy</c> for this tenant's SIMs; a SIM's own rules override these in turn.</summary>
    public TenantPolicyOptions Policy { get; set; } = new();
}

/// <summary>A tenant's policy override: each unset value falls back to the global default.</summary>
public sealed class TenantPolicyOptions
{
    public MismatchAction? OnMismatch { get; set; }

    public MissingImeiAction? OnMissingImei { get; set; }

    public UnknownLocationAction? OnUnknownLocation { get; set; }

    public bool? AutoResume { get; set; }

    public TimeSpan? MinEpisodeInterval { get; set; }

    /// <summary>The override, or null when nothing is set.</summary>
    public PolicyOverride? ToOverride() =>
        OnMismatch is null && OnMissingImei is null && OnUnknownLocation is null && AutoResume is null && MinEpisodeInterval is null
            ? null
            : new PolicyOverride
            {
                OnMismatch = OnMismatch,
                OnMissingImei = OnMissingImei,
                OnUnknownLocation = OnUnknownLocation,
                AutoResume = AutoResume,
                MinEpisodeIntervalMs = MinEpisodeInterval is { } interval ? (long)interval.TotalMilliseconds : null,
            };

    public bool IsValid() =>
        (OnMismatch is null || Enum.IsDefined(OnMismatch.Value))
        && (OnMissingImei is null || Enum.IsDefined(OnMissingImei.Value))
        && (OnUnknownLocation is null || Enum.IsDefined(OnUnknownLocation.Value))
        && (MinEpisodeInterval is null || (MinEpisodeInterval >= TimeSpan.Zero && MinEpisodeInterval <= TimeSpan.FromDays(1)));
}
