using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>
/// The first sighting lives in the store only: a pairing writes it, every other write keeps it, and a query reads it
/// from the store, also after a restart (the table never holds it).
/// </summary>
public abstract partial class BindingStoreContractTests
{
    [Fact]
    public void SaveTransitionAndSaveRules_RecordWithoutFirstSeen_KeepStoredOne()
    {
        using var node = Open();
        var paired = new BindingRecord
        {
            Imsi = _imsi, State = LockState.Locked, BoundImei = _deviceA, FirstSeen = Seen(_deviceA, 10_000), LastSeen = Seen(_deviceA, 10_000),
            UpdatedAt = T0, Version = 1,
        };
        node.Store.SaveTransition(paired, []);

        var violated = paired with { State = LockState.Violated, ViolatingImei = _deviceB, FirstSeen = null, LastSeen = Seen(_deviceB, 20_000), Version = 2 };
        node.Store.SaveTransition(violated, []);
        var withRules = violated with { Rules = new DeviceRules([_deviceA], [], []), Version = 3 };
        node.Store.SaveRules(withRules, new BindingEvent(30_000, "rules_changed", default, default, 0));
        node.Store.SaveRules(withRules with { Rules = null, Version = 4 }, new BindingEvent(40_000, "rules_changed", default, default, 0));

        AssertFirstSeen(node.Store.Find(_imsi), _deviceA, 10_000);
        Assert.Equal(20_000, node.Store.Find(_imsi)!.LastSeen.AtUnixMs);
    }

    [Fact]
    public void SaveTransition_RecordWithFirstSeen_ReplacesStoredOne()
    {
        using var node = Open();
        var first = new BindingRecord { Imsi = _imsi, State = LockState.Locked, BoundImei = _deviceA, FirstSeen = Seen(_deviceA, 10_000), UpdatedAt = T0, Version = 1 };
        node.Store.SaveTransition(first, []);

        node.Store.SaveTransition(first with { BoundImei = _deviceB, FirstSeen = Seen(_deviceB, 20_000), Version = 2 }, []);

        AssertFirstSeen(node.Store.Find(_imsi), _deviceB, 20_000);
    }

    [Fact]
    public void Find_AfterRestartAndLaterTransitions_ShowsThePairingsFirstSeen()
    {
        using (var node = Open(BindingPolicy.Default with { AutoResume = true }))
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Assert.Equal(VerdictKind.Paired, Observe(node, _deviceA, 10));
        }

        using var restarted = Open(BindingPolicy.Default with { AutoResume = true });
        AssertFirstSeen(restarted.Enforcer.Find(_imsi), _deviceA, 10_000);

        Assert.Equal(VerdictKind.Violation, Observe(restarted, _deviceB, 20));
        Assert.Equal(VerdictKind.Resumed, Observe(restarted, _deviceA, 100)); // after the policy's minimum episode interval
        restarted.Enforcer.SetRules(_imsi, new DeviceRules([_deviceA], [], []));
        Assert.Equal(VerdictKind.Match, Observe(restarted, _deviceA, 110));
        Assert.Equal(1, restarted.Enforcer.FlushSightings());
        AssertFirstSeen(restarted.Enforcer.Find(_imsi), _deviceA, 10_000);
        Assert.Equal(110_000, restarted.Enforcer.Find(_imsi)!.LastSeen.AtUnixMs);

        using var again = Open();
        AssertFirstSeen(again.Enforcer.Find(_imsi), _deviceA, 10_000);
    }

    [Fact]
    public void Observe_PairingAfterReset_WritesTheNewFirstSeen()
    {
        using (var node = Open())
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Observe(node, _deviceA, 10);
            Observe(node, _deviceB, 20);

            node.Enforcer.Apply(_imsi, LockAction.Reset);
            AssertFirstSeen(node.Enforcer.Find(_imsi), _deviceA, 10_000); // kept until the next pairing, as before

            Assert.Equal(VerdictKind.Paired, Observe(node, _deviceB, 30));
            AssertFirstSeen(node.Enforcer.Find(_imsi), _deviceB, 30_000);
        }

        using var restarted = Open();
        AssertFirstSeen(restarted.Enforcer.Find(_imsi), _deviceB, 30_000);
    }

    [Fact]
    public void Reconfigure_PlanThatPairs_WritesItsFirstSeenAndOthersKeepIt()
    {
        using var node = OpenRearmedAfterPairing();

        // A CAMARA bind to the device the network sees now, then an area added to it.
        node.Enforcer.Reconfigure(_imsi, c => c with { State = LockState.Locked, BoundImei = _deviceB, FirstSeen = Seen(_deviceB, 15_000) }, "bind", "imei");
        node.Enforcer.Reconfigure(_imsi, c => c with { Rules = new DeviceRules([], [], [], regions: new RegionRules([], [(41904, 41904)])) }, "bind", "area");

        using var restarted = Open();
        AssertFirstSeen(restarted.Enforcer.Find(_imsi), _deviceB, 15_000);
    }

    [Fact]
    public void Reconfigure_BindToExplicitDevice_ReplacesFirstSeenWithNone()
    {
        using var node = OpenRearmedAfterPairing();

        // An explicit IMEI comes with no sighting time, and a sighting without one is stored as none.
        node.Enforcer.Reconfigure(_imsi, c => c with { State = LockState.Locked, BoundImei = _deviceB, FirstSeen = new Sighting { Imei = _deviceB } }, "bind", "imei");

        Assert.Equal(default(Sighting), node.Enforcer.Find(_imsi)!.FirstSeen);
    }

    /// <summary>A node whose SIM was paired with device A at 10 s, then RESET: ARMED, with A's first sighting stored.</summary>
    private StoreNode OpenRearmedAfterPairing()
    {
        var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 10);
        node.Enforcer.Apply(_imsi, LockAction.Reset);
        return node;
    }

    private static Sighting Seen(Imei device, long atUnixMs) => new() { AtUnixMs = atUnixMs, Imei = device, NasIp = 0xC0000219 };

    private static void AssertFirstSeen(BindingRecord? record, Imei device, long atUnixMs)
    {
        Assert.NotNull(record);
        Assert.True(record.FirstSeen.HasValue);
        Assert.Equal((device, atUnixMs), (record.FirstSeen.Value.Imei, record.FirstSeen.Value.AtUnixMs));
    }
}
