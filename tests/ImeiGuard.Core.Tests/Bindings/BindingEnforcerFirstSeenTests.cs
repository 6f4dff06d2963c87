using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Protocols.Identifiers;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>The table does not keep the first sighting: only a pairing hands one to the store, and Find reads it back from there.</summary>
public sealed class BindingEnforcerFirstSeenTests
{
    private readonly Imsi _imsi = Imsi.TryParse("262017745956507", out var imsi) ? imsi : throw new InvalidOperationException();
    private readonly RecordingBindingStore _store = new();
    private readonly BindingEnforcer _enforcer;

    public BindingEnforcerFirstSeenTests() =>
        _enforcer = new BindingEnforcer(_store, new SubscriberDirectory(new NullRegistry()), TimeProvider.System, policy: BindingPolicy.Default with { AutoResume = true });

    [Fact]
    public void ObserveAndApply_Writes_CarryFirstSeenOnlyWhenPairing()
    {
        _enforcer.Apply(_imsi, LockAction.Enable);
        Observe(A, 1_000);
        Observe(B, 2_000);
        Observe(A, 100_000);
        _enforcer.Apply(_imsi, LockAction.Reset);
        Observe(B, 200_000);

        Assert.Equal<(string?, long?)>(
            [("enable", (long?)null), ("paired", 1_000L), ("violation", null), ("resumed", null), ("reset", null), ("paired", 200_000L)],
            _store.Writes.Select(static w => (w.Kind, w.Record.FirstSeen?.AtUnixMs)));
    }

    [Fact]
    public void Find_TableHoldsTheSim_TakesFirstSeenFromTheStore()
    {
        _enforcer.Apply(_imsi, LockAction.Enable);
        Observe(A, 1_000);
        Observe(B, 2_000);

        Assert.Equal(1_000, _enforcer.Find(_imsi)!.FirstSeen?.AtUnixMs);
        Assert.Null(_enforcer.FindWithoutFirstSeen(_imsi)!.FirstSeen);
    }

    [Fact]
    public void Find_StoreAheadOfTable_AnswersWithStoredBindingAndTheLaterHeldSighting()
    {
        _enforcer.Apply(_imsi, LockAction.Enable);
        Observe(A, 1_000);
        Observe(A, 5_000); // held, not flushed
        var stored = _store.Find(_imsi)!;
        _store.SaveTransition(stored with { State = LockState.Violated, ViolatingImei = B, LastSeen = new Sighting { AtUnixMs = 3_000, Imei = B }, FirstSeen = null, Version = stored.Version + 1 }, []);

        var found = _enforcer.Find(_imsi)!;

        Assert.Equal((LockState.Violated, B), (found.State, found.ViolatingImei));
        Assert.Equal(5_000, found.LastSeen.AtUnixMs);
        Assert.Equal(1_000, found.FirstSeen?.AtUnixMs);
    }

    private void Observe(Imei device, long atUnixMs) => _enforcer.Observe(new Observation
    {
        Imsi = _imsi,
        Pei = new Pei(device, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
        AtUnixMs = atUnixMs,
        Source = ObservationSource.RadiusAccounting,
        SourceName = "test",
    });
}
