using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>
/// ImeiGuard:LastSeenResolution: a sighting that repeats the stored one (device, location, NAS) is written only once the
/// stored one is that old; anything that changed is written at the next flush.
/// </summary>
public sealed class LastSeenResolutionTests
{
    private const long Resolution = 60_000;
    private static readonly Imsi Sim = Imsi.TryParse("262017745956507", out var imsi) ? imsi : throw new InvalidOperationException();
    private static readonly Imei Device = Imei.TryParse("8644610320772414"u8, out var imei) ? imei : throw new InvalidOperationException();

    private readonly RecordingBindingStore _store = new();
    private readonly BindingEnforcer _enforcer;

    public LastSeenResolutionTests()
    {
        _enforcer = new BindingEnforcer(_store, new SubscriberDirectory(new NullRegistry()), TimeProvider.System, lastSeenResolution: TimeSpan.FromMilliseconds(Resolution));
        _enforcer.Apply(Sim, LockAction.Enable);
        Assert.Equal(VerdictKind.Paired, Observe(1_000_000, cell: 1));
    }

    [Fact]
    public void SameDeviceAndPlace_WithinTheResolution_IsNotWritten()
    {
        Assert.Equal(VerdictKind.Match, Observe(1_000_000 + 5_000, cell: 1));
        Assert.Equal(VerdictKind.Match, Observe(1_000_000 + Resolution - 1, cell: 1));

        Assert.Equal(0, _enforcer.FlushSightings());
        // What the API shows is what the store holds: the pairing's sighting.
        Assert.Equal(1_000_000, _enforcer.Find(Sim)!.LastSeen.AtUnixMs);
        Assert.Equal(1_000_000, _store.Find(Sim)!.LastSeen.AtUnixMs);
    }

    [Fact]
    public void SameDeviceAndPlace_OnceTheStoredOneIsAsOldAsTheResolution_IsWritten()
    {
        Observe(1_000_000 + Resolution, cell: 1);

        Assert.Equal(1, _enforcer.FlushSightings());
        Assert.Equal(1_000_000 + Resolution, _store.Find(Sim)!.LastSeen.AtUnixMs);

        // Measured from the newly stored one, not from the pairing.
        Observe(1_000_000 + Resolution + 30_000, cell: 1);
        Assert.Equal(0, _enforcer.FlushSightings());
    }

    [Fact]
    public void AnotherCell_WithinTheResolution_IsWrittenAtTheNextFlush()
    {
        Observe(1_000_000 + 1_000, cell: 2);
        Observe(1_000_000 + 2_000, cell: 2);

        Assert.Equal(1, _enforcer.FlushSightings());
        var stored = _store.Find(Sim)!.LastSeen;
        Assert.Equal(2u, (uint)stored.Location.CellId);
        Assert.Equal(1_000_000 + 2_000, stored.AtUnixMs); // the latest of the changed ones
    }

    [Fact]
    public void AnotherNas_WithinTheResolution_IsWritten()
    {
        Observe(1_000_000 + 1_000, cell: 1, nasIp: 0xC0000299);

        Assert.Equal(1, _enforcer.FlushSightings());
        Assert.Equal(0xC0000299u, _store.Find(Sim)!.LastSeen.NasIp);
    }

    [Fact]
    public void ZeroResolution_WritesEverySighting()
    {
        var store = new RecordingBindingStore();
        var enforcer = new BindingEnforcer(store, new SubscriberDirectory(new NullRegistry()), TimeProvider.System);
        enforcer.Apply(Sim, LockAction.Enable);
        enforcer.Observe(Observation(1_000_000, cell: 1, nasIp: 0xC0000219));
        enforcer.Observe(Observation(1_000_001, cell: 1, nasIp: 0xC0000219));

        Assert.Equal(1, enforcer.FlushSightings());
        Assert.Equal(1_000_001, store.Find(Sim)!.LastSeen.AtUnixMs);
    }

    private VerdictKind Observe(long atUnixMs, uint cell, uint nasIp = 0xC0000219) => _enforcer.Observe(Observation(atUnixMs, cell, nasIp));

    private static Observation Observation(long atUnixMs, uint cell, uint nasIp) => new()
    {
        Imsi = Sim,
        Pei = new Pei(Device, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
        AtUnixMs = atUnixMs,
        NasIp = nasIp,
        Location = new UserLocation
        {
            IsPresent = true,
            Type = UliType.Ecgi,
            Plmn = new PlmnId(262, 1, 2),
            CellPlmn = new PlmnId(262, 1, 2),
            CellId = cell,
            CellKind = CellIdKind.Eci,
        },
        Source = ObservationSource.RadiusAccounting,
        SourceName = "resolution",
    };
}
