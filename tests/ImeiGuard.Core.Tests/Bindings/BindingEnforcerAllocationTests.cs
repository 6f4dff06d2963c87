using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>The enforcer's hot path allocates nothing for a match, with or without rules and tenant policy, and for unbound SIMs.</summary>
public sealed class BindingEnforcerAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Observe_Match_AllocatesNothing(bool withRules)
    {
        Assert.True(Imsi.TryParse("262017745956507", out var imsi));
        Assert.True(PlmnId.TryParse("262-01", out var home));
        var directory = new SubscriberDirectory(new NullRegistry());
        var tenants = new TenantPolicies(new Dictionary<string, PolicyOverride> { ["acme"] = new() { OnMismatch = MismatchAction.Alert } });
        var enforcer = new BindingEnforcer(new NullStore(), directory, TimeProvider.System, tenantPolicies: tenants);
        if (withRules)
        {
            // Rules, a SIM override and a tenant override: the full three-level resolution on every decision.
            directory.Register(imsi, default, null, "acme");
            enforcer.SetRules(imsi, new DeviceRules(
                [A, B], [35349006], [], new PolicyOverride { AutoResume = true }, new RegionRules([home], [(41900, 41999)])));
        }

        enforcer.Apply(imsi, LockAction.Enable);
        var location = new UserLocation { IsPresent = true, Plmn = home, HasTac = true, Tac = 41904 };
        Assert.Equal(VerdictKind.Paired, Observe(enforcer, imsi, A, location, 1));
        Assert.Equal(VerdictKind.Match, Observe(enforcer, imsi, A, location, 2));
        Assert.True(Imsi.TryParse("262017745956599", out var unbound));

        AllocationAssert.NothingPerCall(1000, i =>
        {
            Observe(enforcer, imsi, A, location, 3 + i);
            Observe(enforcer, unbound, B, location, 3 + i);
        });
    }

    private static VerdictKind Observe(BindingEnforcer enforcer, Imsi imsi, Imei device, UserLocation location, long at)
    {
        var observation = new Observation
        {
            Imsi = imsi,
            Pei = new Pei(device, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
            AtUnixMs = at,
            Location = location,
            Source = ObservationSource.RadiusAccounting,
            SourceName = "test",
        };
        return enforcer.Observe(observation);
    }

    private sealed class NullStore : IBindingStore
    {
        public IReadOnlyList<BindingRecord> LoadAll() => [];

        public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null) => 0;

        public int SaveSightings(IReadOnlyList<BindingRecord> records) => 0;

        public void SaveRules(BindingRecord record, BindingEvent historyEvent)
        {
        }

        public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

        public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

        public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

        public BindingRecord? Find(Imsi imsi) => null;
    }
}
