using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>Reconfigure (the CAMARA bind/unbind primitive): state, bound device and rules in one durable write.</summary>
public abstract partial class BindingStoreContractTests
{
    [Fact]
    public void Reconfigure_DisabledToLockedWithAnyDeviceRules_SurvivesRestartWithHistoryEvent()
    {
        var region = new RegionRules([], [(41904, 41904)]);
        using (var node = Open())
        {
            node.Enforcer.Reconfigure(_imsi, current => current with
            {
                State = LockState.Locked,
                BoundImei = _deviceA,
                Rules = new DeviceRules([], [], [], regions: region, anyDevice: true),
            }, "bind", "area");
        }

        using var restarted = Open();
        var record = restarted.Enforcer.Find(_imsi)!;
        Assert.Equal(LockState.Locked, record.State);
        Assert.Equal(_deviceA, record.BoundImei);
        Assert.True(record.Rules!.AnyDevice);
        Assert.Equal([(41904u, 41904u)], record.Rules.Regions!.Areas);
        var latest = restarted.Enforcer.History(_imsi, 0, 1).Items[0];
        Assert.Equal(("bind", "area"), (latest.Kind, latest.Detail));
    }

    [Fact]
    public void Reconfigure_PlanReturnsNull_WritesNothing()
    {
        using var node = Open();
        var record = node.Enforcer.Reconfigure(_imsi, static _ => null, "bind");

        Assert.Equal(LockState.Disabled, record.State);
        Assert.Equal(0, node.Enforcer.History(_imsi, 0, 1).Total);
    }

    [Fact]
    public void Reconfigure_EndingAViolation_IsRefusedAndChangesNothing()
    {
        using var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);
        Observe(node, _deviceB, 2);

        Assert.Throws<InvalidOperationException>(() => node.Enforcer.Reconfigure(_imsi, static c => c with { State = LockState.Locked }, "unbind"));
        Assert.Equal(LockState.Violated, node.Enforcer.Find(_imsi)!.State);
        Assert.Single(node.Outbox.GetPending(10));
    }
}
