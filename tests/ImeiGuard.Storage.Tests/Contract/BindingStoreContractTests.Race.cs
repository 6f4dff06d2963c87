using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>Two instances on one store: writes are compare-and-set, so they agree on every pairing.</summary>
public abstract partial class BindingStoreContractTests
{
    [Fact]
    public void Observe_StaleCopyOfArmedSim_LoserJudgesAgainstTheWinnersPairing()
    {
        using var a = Open();
        a.Enforcer.Apply(_imsi, LockAction.Enable);
        using var b = Open(); // loads the SIM as ARMED

        Assert.Equal(VerdictKind.Paired, Observe(a, _deviceA, 1));
        Assert.Equal(VerdictKind.Violation, Observe(b, _deviceB, 2));

        var stored = b.Store.Find(_imsi)!;
        Assert.Equal((LockState.Violated, _deviceA, _deviceB), (stored.State, stored.BoundImei, stored.ViolatingImei));
        Assert.Equal("block:262017745956507:1", Assert.Single(b.Outbox.GetPending(10)).IdempotencyKey);
        Assert.Equal(["violation", "paired", "enable"], b.Enforcer.History(_imsi, 0, 10).Items.Select(e => e.Kind));
    }

    [Fact]
    public async Task Observe_TwoInstancesPairAtOnce_ExactlyOnePairsAndTheOtherIsFlagged()
    {
        using var a = Open();
        a.Enforcer.Apply(_imsi, LockAction.Enable);
        using var b = Open();
        using var start = new Barrier(2);

        var verdicts = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(TimeSpan.FromSeconds(10)); return Observe(a, _deviceA, 1); }),
            Task.Run(() => { start.SignalAndWait(TimeSpan.FromSeconds(10)); return Observe(b, _deviceB, 1); }));

        Assert.Equal([VerdictKind.Paired, VerdictKind.Violation], verdicts.Order());
        var winner = verdicts[0] == VerdictKind.Paired ? _deviceA : _deviceB;
        var stored = a.Store.Find(_imsi)!;
        Assert.Equal(LockState.Violated, stored.State);
        Assert.Equal(winner, stored.BoundImei);
        var block = Assert.Single(a.Outbox.GetPending(10));
        Assert.Equal("block", block.Kind);
        Assert.Equal(3, stored.Version); // enable, paired, violation: three writes, none lost
    }

    [Fact]
    public void SaveTransition_StaleVersion_IsRefusedWithTheStoredRecord()
    {
        using var node = Open();
        var first = new BindingRecord { Imsi = _imsi, State = LockState.Armed, UpdatedAt = T0, Version = 1 };
        node.Store.SaveTransition(first, []);

        var conflict = Assert.Throws<BindingConflictException>(() =>
            node.Store.SaveTransition(first with { State = LockState.Locked, BoundImei = _deviceA }, [Entry("block", _imsi.Packed, 1, T0)]));

        Assert.Equal((LockState.Armed, 1L), (conflict.Current!.State, conflict.Current.Version));
        Assert.Empty(node.Outbox.GetPending(10)); // nothing of the refused write went through
    }
}
