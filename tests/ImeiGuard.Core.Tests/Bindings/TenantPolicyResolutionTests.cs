using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>Policy resolution, field by field: the SIM's override, else its tenant's, else the global default.</summary>
public sealed class TenantPolicyResolutionTests
{
    private static readonly BindingPolicy Global = new()
    {
        OnMismatch = MismatchAction.Block,
        OnMissingImei = MissingImeiAction.Allow,
        OnUnknownLocation = UnknownLocationAction.Allow,
        AutoResume = false,
        MinEpisodeIntervalMs = 60_000,
    };

    /// <summary>Tenant override, SIM override (null = none, else field values), expected mismatch action, missing-IMEI action, auto-resume, interval.</summary>
    public static TheoryData<string, PolicyOverride?, PolicyOverride?, MismatchAction, MissingImeiAction, bool, long> Cases => new()
    {
        { "neither: global", null, null, MismatchAction.Block, MissingImeiAction.Allow, false, 60_000 },
        { "tenant only", new() { OnMismatch = MismatchAction.Alert, AutoResume = true }, null, MismatchAction.Alert, MissingImeiAction.Allow, true, 60_000 },
        { "SIM only", null, new() { OnMissingImei = MissingImeiAction.Block }, MismatchAction.Block, MissingImeiAction.Block, false, 60_000 },
        { "SIM beats tenant on the same field", new() { OnMismatch = MismatchAction.Alert }, new() { OnMismatch = MismatchAction.DryRun }, MismatchAction.DryRun, MissingImeiAction.Allow, false, 60_000 },
        { "fields merge across levels", new() { OnMismatch = MismatchAction.Alert, MinEpisodeIntervalMs = 0 }, new() { AutoResume = true }, MismatchAction.Alert, MissingImeiAction.Allow, true, 0 },
        { "empty overrides change nothing", new(), new(), MismatchAction.Block, MissingImeiAction.Allow, false, 60_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_SimOverTenantOverGlobal(string name, PolicyOverride? tenant, PolicyOverride? sim, MismatchAction mismatch, MissingImeiAction missing, bool autoResume, long intervalMs)
    {
        var policy = BindingPolicy.Resolve(Global, tenant, sim);
        Assert.True(
            (mismatch, missing, autoResume, intervalMs, UnknownLocationAction.Allow) == (policy.OnMismatch, policy.OnMissingImei, policy.AutoResume, policy.MinEpisodeIntervalMs, policy.OnUnknownLocation),
            name);
    }

    [Fact]
    public void TenantPolicies_UnknownOrOperatorTenant_HaveNoOverride()
    {
        var alert = new PolicyOverride { OnMismatch = MismatchAction.Alert };
        var policies = new TenantPolicies(new Dictionary<string, PolicyOverride> { ["acme"] = alert });
        Assert.Same(alert, policies.For("acme"));
        Assert.Null(policies.For("ACME"));
        Assert.Null(policies.For("globex"));
        Assert.Null(policies.For(null));
    }
}
