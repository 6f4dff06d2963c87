using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>Region rules (PLMN, TAC/LAC sets and ranges) and the unknown-location policy, against every state.</summary>
public sealed class RegionRulesTests
{
    private static readonly RegionRules Home = new([Plmn("262-01")], [(41904, 41904), (500, 599)]);

    public static TheoryData<string, RegionCheck> Locations => new()
    {
        { "262-01/tac41904", RegionCheck.Inside },
        { "262-01/lac550", RegionCheck.Inside },
        { "262-01/tac41905", RegionCheck.Outside },
        { "262-02/tac41904", RegionCheck.Outside },
        { "262-01/none", RegionCheck.Unknown },
        { "none", RegionCheck.Unknown },
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void Check_Location_GivesDocumentedResult(string location, RegionCheck expected) => Assert.Equal(expected, Home.Check(Location(location)));

    [Fact]
    public void Check_PlmnOnly_IgnoresArea() =>
        Assert.Equal(RegionCheck.Inside, new RegionRules([Plmn("262-01")], []).Check(Location("262-01/none")));

    public static TheoryData<LockState, string, string, UnknownLocationAction, VerdictKind, ViolationCause> Cases => new()
    {
        // state, observed device, location, unknown-location action, verdict, cause
        { LockState.Locked, "A", "262-01/tac41904", UnknownLocationAction.Allow, VerdictKind.Match, ViolationCause.Device },
        { LockState.Locked, "A", "262-02/tac41904", UnknownLocationAction.Allow, VerdictKind.Violation, ViolationCause.Region },
        { LockState.Locked, "B", "262-01/tac41904", UnknownLocationAction.Allow, VerdictKind.Violation, ViolationCause.Device },
        { LockState.Locked, "A", "none", UnknownLocationAction.Allow, VerdictKind.Match, ViolationCause.Device },
        { LockState.Locked, "A", "none", UnknownLocationAction.Alert, VerdictKind.LocationUnknownAlert, ViolationCause.Device },
        { LockState.Locked, "A", "none", UnknownLocationAction.Block, VerdictKind.Violation, ViolationCause.UnknownLocation },
        { LockState.Armed, "A", "262-01/tac41904", UnknownLocationAction.Allow, VerdictKind.Paired, ViolationCause.Device },
        { LockState.Armed, "A", "262-02/tac41904", UnknownLocationAction.Allow, VerdictKind.Violation, ViolationCause.Region },
        { LockState.Armed, "A", "none", UnknownLocationAction.Alert, VerdictKind.Paired, ViolationCause.Device },
        { LockState.Armed, "A", "none", UnknownLocationAction.Block, VerdictKind.Violation, ViolationCause.UnknownLocation },
        { LockState.Violated, "A", "262-02/tac41904", UnknownLocationAction.Allow, VerdictKind.ViolationRepeated, ViolationCause.Device },
        { LockState.Violated, "A", "262-01/tac41904", UnknownLocationAction.Allow, VerdictKind.Resumed, ViolationCause.Device },
        { LockState.Violated, "A", "none", UnknownLocationAction.Block, VerdictKind.ViolationRepeated, ViolationCause.Device },
        { LockState.Disabled, "A", "262-02/tac41904", UnknownLocationAction.Block, VerdictKind.NotEnforced, ViolationCause.Device },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_RegionRuleAndPolicy_GivesDocumentedVerdict(LockState before, string observed, string location, UnknownLocationAction onUnknown, VerdictKind verdict, ViolationCause cause)
    {
        var current = new LockStatus(before, before == LockState.Armed ? default : A, before == LockState.Violated ? B : default, 1);
        var rules = new DeviceRules([], [], [], regions: Home);
        var policy = BindingPolicy.Default with { OnUnknownLocation = onUnknown, AutoResume = true, MinEpisodeIntervalMs = 0 };

        var result = BindingRules.Decide(current, Named(observed), Location(location), rules, policy, 1_000);

        Assert.Equal(verdict, result.Kind);
        if (verdict == VerdictKind.Violation)
        {
            Assert.Equal(cause, result.Cause);
            Assert.True(result.EmitsBlock);
        }
    }

    [Fact]
    public void Decide_RegionMismatchUnderAlertPolicy_IsAlertOnly()
    {
        var rules = new DeviceRules([], [], [], regions: Home);
        var policy = BindingPolicy.Default with { OnMismatch = MismatchAction.Alert };

        var result = BindingRules.Decide(new LockStatus(LockState.Locked, A, default, 0), A, Location("262-02/tac1"), rules, policy, 1);

        Assert.Equal(VerdictKind.ViolationAlert, result.Kind);
        Assert.Equal(ViolationCause.Region, result.Cause);
        Assert.False(result.EmitsBlock);
    }

    [Fact]
    public void Decide_AnyDeviceWithRegion_OnlyTheRegionDecides()
    {
        var rules = new DeviceRules([], [], [], regions: Home, anyDevice: true);
        var locked = new LockStatus(LockState.Locked, A, default, 0);

        Assert.Equal(VerdictKind.Paired, BindingRules.Decide(new LockStatus(LockState.Armed, default, default, 0), B, Location("262-01/tac41904"), rules, BindingPolicy.Default, 1).Kind);
        Assert.Equal(VerdictKind.Match, BindingRules.Decide(locked, B, Location("262-01/tac41904"), rules, BindingPolicy.Default, 1).Kind);
        var outside = BindingRules.Decide(locked, B, Location("262-02/tac41904"), rules, BindingPolicy.Default, 1);
        Assert.Equal(VerdictKind.Violation, outside.Kind);
        Assert.Equal(ViolationCause.Region, outside.Cause);
    }

    [Theory]
    [InlineData("41904", 41904u, 41904u)]
    [InlineData("100-200", 100u, 200u)]
    public void TryParseArea_ValueOrRange_Parses(string text, uint from, uint to)
    {
        Assert.True(RegionRules.TryParseArea(text, out var area));
        Assert.Equal((from, to), area);
        Assert.Equal(text, RegionRules.FormatArea(area));
    }

    [Theory]
    [InlineData("")]
    [InlineData("200-100")]
    [InlineData("x")]
    [InlineData("16777216")]
    public void TryParseArea_Invalid_IsRejected(string text) => Assert.False(RegionRules.TryParseArea(text, out _));

    [Fact]
    public void Check_InsideOrOutside_AllocatesNothing()
    {
        var inside = Location("262-01/tac41904");
        var outside = Location("262-02/tac41904");
        Home.Check(inside);
        var n = 0;
        AllocationAssert.NothingPerCall(1000, _ => n += (int)Home.Check(inside) + (int)Home.Check(outside));
        Assert.Equal(2000, n);
    }

    private static PlmnId Plmn(string text) => PlmnId.TryParse(text, out var plmn) ? plmn : throw new ArgumentException(text);

    // "MCC-MNC/tacN", "MCC-MNC/lacN", "MCC-MNC/none" (PLMN but no area), "none" (no location).
    private static UserLocation Location(string text)
    {
        if (text == "none")
        {
            return default;
        }

        var parts = text.Split('/');
        var location = new UserLocation { IsPresent = true, Plmn = Plmn(parts[0]) };
        return parts[1] switch
        {
            var t when t.StartsWith("tac", StringComparison.Ordinal) => location with { HasTac = true, Tac = uint.Parse(t[3..], System.Globalization.CultureInfo.InvariantCulture) },
            var l when l.StartsWith("lac", StringComparison.Ordinal) => location with { HasLac = true, Lac = ushort.Parse(l[3..], System.Globalization.CultureInfo.InvariantCulture) },
            _ => location,
        };
    }
}
