using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>The OpenCelliD-layout import and CIRCLE areas in the verdict.</summary>
public sealed class CellDatabaseTests
{
    // Berlin Alexanderplatz (known cell 1) and Munich (known cell 2); cell 3 is not in the database.
    private const string Csv = """
        radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal
        LTE,262,1,41904,26881025,0,13.4132,52.5219,1000,12,1,1459692044,1459692044,0
        LTE,262,1,41904,26881026,0,11.5755,48.1374,1000,12,1,1459692044,1459692044,0
        not,a,cell
        """;

    private static readonly GeoCircle Berlin = new(new GeoPoint(52.52, 13.405), 5_000);

    [Fact]
    public void Load_OpenCellIdLayout_SkipsHeaderAndMalformedLines()
    {
        var cells = CellDatabase.Load(new StringReader(Csv), out var skipped);

        Assert.Equal(2, cells.Count);
        Assert.Equal(2, skipped);
        Assert.True(cells.TryLocate(Cell(26881025), out var point));
        Assert.Equal(52.5219, point.Latitude, 4);
        Assert.False(cells.TryLocate(Cell(3), out _));
        Assert.False(cells.TryLocate(default, out _));
    }

    public static TheoryData<ulong, UnknownLocationAction, VerdictKind> Cases => new()
    {
        // serving cell, unknown-location action, verdict for the bound device
        { 26881025, UnknownLocationAction.Allow, VerdictKind.Match },
        { 26881026, UnknownLocationAction.Allow, VerdictKind.Violation },
        { 3, UnknownLocationAction.Allow, VerdictKind.Match },
        { 3, UnknownLocationAction.Alert, VerdictKind.LocationUnknownAlert },
        { 3, UnknownLocationAction.Block, VerdictKind.Violation },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_CircleArea_UsesCellPositionAndUnknownCellPolicy(ulong cell, UnknownLocationAction onUnknown, VerdictKind verdict)
    {
        var cells = CellDatabase.Load(new StringReader(Csv), out _);
        var rules = new DeviceRules([], [], [], regions: new RegionRules([], [], [Berlin]));
        var location = Cell(cell);
        var hasPosition = cells.TryLocate(location, out var position);

        var result = BindingRules.Decide(
            new LockStatus(LockState.Locked, A, default, 0), A, location, hasPosition, position, rules, BindingPolicy.Default with { OnUnknownLocation = onUnknown }, 1);

        Assert.Equal(verdict, result.Kind);
    }

    [Theory]
    [InlineData(52.5219, 13.4132, true)]   // ~0.6 km from the centre
    [InlineData(52.40, 13.05, false)]      // Potsdam, ~27 km
    public void Contains_Haversine_MatchesKnownDistances(double lat, double lon, bool inside) =>
        Assert.Equal(inside, Berlin.Contains(new GeoPoint(lat, lon)));

    private static UserLocation Cell(ulong eci) => new()
    {
        IsPresent = true,
        Plmn = new PlmnId(262, 1, 2),
        HasTac = true,
        Tac = 41904,
        CellKind = CellIdKind.Eci,
        CellId = eci,
    };
}
