using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>Device rules, policy overrides and policy-driven transitions.</summary>
public abstract partial class BindingStoreContractTests
{
    [Fact]
    public void SetRules_RulesAndOverrideSurviveRestart()
    {
        var rules = new DeviceRules(
            [_deviceA, _deviceB],
            [35349006],
            [new ImeiPrefix(3534900, 7)],
            new PolicyOverride { OnMismatch = MismatchAction.Alert, AutoResume = true, MinEpisodeIntervalMs = 5_000, OnUnknownLocation = UnknownLocationAction.Block },
            new RegionRules([new PlmnId(262, 1, 2), new PlmnId(262, 2, 2)], [(41904, 41904), (500, 599)], [new GeoCircle(new GeoPoint(52.52, 13.405), 5_000.5)]));
        using (var node = Open())
        {
            node.Enforcer.SetRules(_imsi, rules);
        }

        using var restarted = Open();
        var loaded = restarted.Enforcer.Find(_imsi)!.Rules;
        Assert.NotNull(loaded);
        Assert.Equal([_deviceB, _deviceA], loaded.Devices.Order(Comparer<Imei>.Create(static (x, y) => x.Value.CompareTo(y.Value))));
        Assert.Equal([35349006u], loaded.Tacs);
        Assert.Equal([new ImeiPrefix(3534900, 7)], loaded.Prefixes);
        Assert.Equal(MismatchAction.Alert, loaded.Policy!.OnMismatch);
        Assert.Null(loaded.Policy.OnMissingImei);
        Assert.True(loaded.Policy.AutoResume);
        Assert.Equal(5_000, loaded.Policy.MinEpisodeIntervalMs);
        Assert.Equal(UnknownLocationAction.Block, loaded.Policy.OnUnknownLocation);
        Assert.Equal([new PlmnId(262, 1, 2), new PlmnId(262, 2, 2)], loaded.Regions!.Plmns);
        Assert.Equal([(500u, 599u), (41904u, 41904u)], loaded.Regions.Areas);
        Assert.Equal([new GeoCircle(new GeoPoint(52.52, 13.405), 5_000.5)], loaded.Regions.Circles);
        Assert.Equal(LockState.Disabled, restarted.Enforcer.Find(_imsi)!.State);
    }

    [Fact]
    public void SetRules_Null_RemovesRulesAndKeepsState()
    {
        using var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        node.Enforcer.SetRules(_imsi, new DeviceRules([_deviceA], [], []));
        node.Enforcer.SetRules(_imsi, null);

        using var restarted = Open();
        var record = restarted.Enforcer.Find(_imsi)!;
        Assert.Null(record.Rules);
        Assert.Equal(LockState.Armed, record.State);
    }

    [Fact]
    public void Observe_ExplicitImeiRule_BlocksOtherDeviceWhileArmed()
    {
        using var node = Open();
        node.Enforcer.SetRules(_imsi, new DeviceRules([_deviceA], [], []));
        node.Enforcer.Apply(_imsi, LockAction.Enable);

        Assert.Equal(VerdictKind.Violation, Observe(node, _deviceB, 1));

        var block = Assert.Single(node.Outbox.GetPending(10));
        using var payload = JsonDocument.Parse(block.Payload);
        Assert.Equal("imei_mismatch", payload.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Observe_AlertPolicy_RecordsViolationWithoutCommandsAndResetSendsNoResume()
    {
        using (var node = Open(BindingPolicy.Default with { OnMismatch = MismatchAction.Alert }))
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Observe(node, _deviceA, 1);
            Assert.Equal(VerdictKind.ViolationAlert, Observe(node, _deviceB, 2));
        }

        using var restarted = Open(BindingPolicy.Default with { OnMismatch = MismatchAction.Alert });
        var record = restarted.Enforcer.Find(_imsi)!;
        Assert.Equal(LockState.Violated, record.State);
        Assert.True(record.AlertOnly);
        Assert.Equal(2_000, record.EpisodeAtMs);
        restarted.Enforcer.Apply(_imsi, LockAction.Reset);
        Assert.Empty(restarted.Outbox.GetPending(10));
    }

    [Fact]
    public void Observe_DryRunPolicy_WritesNothing()
    {
        using var node = Open(BindingPolicy.Default with { OnMismatch = MismatchAction.DryRun });
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);

        Assert.Equal(VerdictKind.ViolationDryRun, Observe(node, _deviceB, 2));

        Assert.Equal(LockState.Locked, node.Enforcer.Find(_imsi)!.State);
        Assert.Equal(LockState.Locked, node.Store.Find(_imsi)!.State);
        Assert.Empty(node.Outbox.GetPending(10));
    }

    [Fact]
    public void Observe_AutoResumeOverride_ResumesAfterDebounceWithOneBlock()
    {
        using var node = Open();
        node.Enforcer.SetRules(_imsi, new DeviceRules([], [], [], new PolicyOverride { AutoResume = true, MinEpisodeIntervalMs = 60_000 }));
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 100);

        Assert.Equal(VerdictKind.Violation, Observe(node, _deviceB, 200));
        Assert.Equal(VerdictKind.Match, Observe(node, _deviceA, 230));             // within the debounce: still blocked
        Assert.Equal(VerdictKind.ViolationRepeated, Observe(node, _deviceB, 240));
        Assert.Equal(VerdictKind.Resumed, Observe(node, _deviceA, 260));

        var pending = node.Outbox.GetPending(10);
        Assert.Equal(["block", "resume"], pending.Select(p => p.Kind));
        Assert.Equal("resume:262017745956507:1", pending[1].IdempotencyKey);
        using var payload = JsonDocument.Parse(pending[1].Payload);
        Assert.Equal("auto_resume", payload.RootElement.GetProperty("reason").GetString());
        Assert.Equal(LockState.Locked, node.Enforcer.Find(_imsi)!.State);
    }

    [Fact]
    public void Apply_ResetBeyondRebindQuota_IsRefusedAndChangesNothing()
    {
        using var node = Open(rebindLimit: 1);
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);
        node.Enforcer.Apply(_imsi, LockAction.Reset);
        Observe(node, _deviceB, 2);

        Assert.Throws<RebindQuotaExceededException>(() => node.Enforcer.Apply(_imsi, LockAction.Reset));

        var record = node.Enforcer.Find(_imsi)!;
        Assert.Equal(LockState.Locked, record.State);
        Assert.Equal(_deviceB, record.BoundImei);
        Assert.Equal(LockState.Disabled, node.Enforcer.Apply(_imsi, LockAction.Disable).State);
    }

    [Fact]
    public void Observe_MissingImeiBlockPolicy_BlocksWithReasonImeiMissing()
    {
        using var node = Open(BindingPolicy.Default with { OnMissingImei = MissingImeiAction.Block });
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);

        Assert.Equal(VerdictKind.Violation, Observe(node, default, 2));

        var block = Assert.Single(node.Outbox.GetPending(10));
        using var payload = JsonDocument.Parse(block.Payload);
        Assert.Equal("imei_missing", payload.RootElement.GetProperty("reason").GetString());
    }
}
