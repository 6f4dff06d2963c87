using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Protocols.Identifiers;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>A binding taken into a near-cache (Redis mode) decides under its tenant's policy, as one loaded at start-up does.</summary>
public sealed class NearCacheTenantPolicyTests
{
    [Fact]
    public void Adopt_FillFromSharedStore_DecidesUnderTheSimsTenantPolicy()
    {
        Assert.True(Imsi.TryParse("262017745956507", out var imsi));
        var directory = new SubscriberDirectory(new NullRegistry());
        directory.Register(imsi, default, null, "acme");
        var tenants = new TenantPolicies(new Dictionary<string, PolicyOverride> { ["acme"] = new() { OnMismatch = MismatchAction.Alert } });
        var store = new RecordingBindingStore();
        var enforcer = new BindingEnforcer(store, directory, TimeProvider.System, tenantPolicies: tenants);

        enforcer.Adopt(new BindingRecord { Imsi = imsi, State = LockState.Locked, BoundImei = A, UpdatedAt = DateTimeOffset.UnixEpoch, Version = 1 });
        var verdict = enforcer.Observe(new Observation
        {
            Imsi = imsi,
            Pei = new Pei(B, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
            AtUnixMs = 1_000,
            Source = ObservationSource.RadiusAccounting,
            SourceName = "test",
        });

        // The global policy blocks; acme's alerts: an alert, and no block command.
        Assert.Equal(VerdictKind.ViolationAlert, verdict);
        Assert.Empty(store.Commands);
    }
}
