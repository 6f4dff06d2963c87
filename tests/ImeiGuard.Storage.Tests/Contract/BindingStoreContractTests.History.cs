using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Metrics;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>History events, device pairings and cloned-IMEI detection.</summary>
public abstract partial class BindingStoreContractTests
{
    [Fact]
    public void History_TransitionsAreRecordedNewestFirstAndPaged()
    {
        using (var node = Open())
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Observe(node, _deviceA, 1);
            Observe(node, _deviceB, 2);
            Observe(node, _deviceB, 3); // repeated: no event
            node.Enforcer.Apply(_imsi, LockAction.Reset);
        }

        using var restarted = Open();
        var (all, total) = restarted.Enforcer.History(_imsi, 0, 10);
        Assert.Equal(4, total);
        Assert.Equal(["reset", "violation", "paired", "enable"], all.Select(e => e.Kind));
        var violation = all[1];
        Assert.Equal(_deviceB, violation.Imei);
        Assert.Equal(_deviceA, violation.OtherImei);
        Assert.Equal(1, violation.Episode);
        Assert.Equal(2_000, violation.AtUnixMs);

        var (second, _) = restarted.Enforcer.History(_imsi, 1, 3);
        Assert.Equal("enable", Assert.Single(second).Kind);
    }

    [Fact]
    public void Devices_PairingsKeepFirstAndLastSeenAcrossFlushes()
    {
        using var node = Open(BindingPolicy.Default with { OnMismatch = MismatchAction.DryRun });
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 10);
        Observe(node, _deviceA, 20);
        node.Enforcer.FlushSightings();
        Observe(node, _deviceB, 30);
        node.Enforcer.FlushSightings();

        var (devices, total) = node.Enforcer.Devices(_imsi, 0, 10);

        Assert.Equal(2, total);
        Assert.Equal(_deviceB, devices[0].Imei);
        Assert.Equal(_deviceA, devices[1].Imei);
        Assert.Equal(10_000, devices[1].FirstSeenUnixMs);
        Assert.Equal(20_000, devices[1].LastSeenUnixMs);
    }

    [Fact]
    public void Observe_SameImeiOnTwoSims_FlagsClonedImeiOncePerWindow()
    {
        const string OtherImsi = "262017745956599";
        var metrics = new ImeiGuardMetrics(Prometheus.Metrics.NewCustomRegistry());
        using var node = Open(metrics: metrics);
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        node.Enforcer.Apply(ParseImsi(OtherImsi), LockAction.Enable);
        Observe(node, _deviceA, 100);

        Observe(node, _deviceA, 110, OtherImsi);  // paired on the second SIM: same device, 10 s later
        Observe(node, _deviceA, 120, OtherImsi);
        node.Enforcer.FlushSightings();

        Assert.Equal(1, metrics.ClonedImeis.Value);
        var (events, _) = node.Enforcer.History(ParseImsi(OtherImsi), 0, 10);
        var clone = Assert.Single(events, e => e.Kind == "cloned_imei");
        Assert.Equal(_deviceA, clone.Imei);
        Assert.Equal("262017745956507", clone.Detail);
    }
}
