using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Location;

public sealed class UserLocationDecoderTests
{
    [Theory]
    // type, hex value, plmn, cell plmn, lac, tac, cell kind, cell id
    [InlineData("0062F21012345678", UliType.Cgi, "262-01", "262-01", 0x1234, null, CellIdKind.Ci, 0x5678UL)]
    [InlineData("01130014ABCD0102", UliType.Sai, "310-410", "310-410", 0xABCD, null, CellIdKind.Sac, 0x0102UL)]
    [InlineData("0264F030EE9FBEFF", UliType.Rai, "460-03", "460-03", 0xEE9F, null, CellIdKind.None, 0UL)]
    [InlineData("0264F030EE9FBE", UliType.Rai, "460-03", "460-03", 0xEE9F, null, CellIdKind.None, 0UL)]
    [InlineData("80130014C623", UliType.Tai, "310-410", "310-410", null, 0xC623, CellIdKind.None, 0UL)]
    [InlineData("8162F210F1A2B3C4", UliType.Ecgi, "262-01", "262-01", null, null, CellIdKind.Eci, 0x1A2B3C4UL)]
    [InlineData("8262F2101A2B62F21001A2B3C4", UliType.TaiEcgi, "262-01", "262-01", null, 0x1A2B, CellIdKind.Eci, 27440068UL)]
    [InlineData("8262F2101A2B13001401A2B3C4", UliType.TaiEcgi, "262-01", "310-410", null, 0x1A2B, CellIdKind.Eci, 0x1A2B3C4UL)]
    [InlineData("8362F210F12345", UliType.ENodeBId, "262-01", "262-01", null, null, CellIdKind.MacroENodeBId, 0x12345UL)]
    [InlineData("8462F2101A2B130014012345", UliType.TaiENodeBId, "262-01", "310-410", null, 0x1A2B, CellIdKind.MacroENodeBId, 0x12345UL)]
    [InlineData("8562F2109FFFFF", UliType.ExtendedENodeBId, "262-01", "262-01", null, null, CellIdKind.ExtendedENodeBId, 0x3FFFFUL)]
    [InlineData("8562F2101FFFFF", UliType.ExtendedENodeBId, "262-01", "262-01", null, null, CellIdKind.ExtendedENodeBId, 0x1FFFFFUL)]
    [InlineData("8662F2101A2B62F2109FFFFF", UliType.TaiExtendedENodeBId, "262-01", "262-01", null, 0x1A2B, CellIdKind.ExtendedENodeBId, 0x3FFFFUL)]
    [InlineData("8762F2100123456789", UliType.Ncgi, "262-01", "262-01", null, null, CellIdKind.Nci, 0x012345678UL)]
    [InlineData("8862F21000A1B2", UliType.FiveGsTai, "262-01", "262-01", null, 0xA1B2, CellIdKind.None, 0UL)]
    [InlineData("8962F21000A1B2130014012345678A", UliType.FiveGsTaiNcgi, "262-01", "310-410", null, 0xA1B2, CellIdKind.Nci, 0x012345678UL)]
    [InlineData("8A130014DC7C669B", UliType.NgRanNodeId, "310-410", "310-410", null, null, CellIdKind.None, 0UL)]
    [InlineData("8B62F21000A1B2DC7C669B", UliType.FiveGsTaiNgRanNodeId, "262-01", "262-01", null, null, CellIdKind.None, 0UL)]
    public void TryDecode_EachType_DecodesFields(string hex, UliType type, string plmn, string cellPlmn, int? lac, int? tac, CellIdKind kind, ulong cellId)
    {
        var error = Decode(hex, out var location);

        Assert.Equal(RadiusParseError.None, error);
        Assert.True(location.IsPresent);
        Assert.Equal(type, location.Type);
        Assert.Equal(plmn, location.Plmn.ToString());
        Assert.Equal(cellPlmn, location.CellPlmn.ToString());
        Assert.Equal(lac, location.HasLac ? location.Lac : null);
        Assert.Equal(tac, location.HasTac ? (int)location.Tac : null);
        Assert.Equal(kind, location.CellKind);
        Assert.Equal(cellId, location.CellId);
    }

    [Fact]
    public void TryDecode_Rai_KeepsRacAndSai_KeepsSac()
    {
        Decode("0264F030EE9FBEFF", out var rai);
        Decode("01130014ABCD0102", out var sai);

        Assert.Equal(0xBE, rai.Rac);
        Assert.Equal(0x0102, sai.Sac);
    }

    [Theory]
    [InlineData(NcgiLayout.SpareLast, 0x012345678UL)]
    [InlineData(NcgiLayout.SpareFirst, 0x12345678AUL)]
    public void TryDecode_NcgiLayoutOption_SelectsTheNciBits(NcgiLayout layout, ulong expected)
    {
        var value = Convert.FromHexString("8762F210012345678A");

        Assert.Equal(RadiusParseError.None, UserLocationDecoder.TryDecode(value, layout, ExtendedENodeBFlag.SetMeansShort, out var location));

        Assert.Equal(expected, location.CellId);
    }

    [Theory]
    [InlineData("8562F2109FFFFF", ExtendedENodeBFlag.SetMeansShort, 0x3FFFFUL)]
    [InlineData("8562F2109FFFFF", ExtendedENodeBFlag.SetMeansLong, 0x1FFFFFUL)]
    [InlineData("8562F2101FFFFF", ExtendedENodeBFlag.SetMeansShort, 0x1FFFFFUL)]
    [InlineData("8562F2101FFFFF", ExtendedENodeBFlag.SetMeansLong, 0x3FFFFUL)]
    public void TryDecode_ExtendedENodeBFlagOption_SelectsIdWidth(string hex, ExtendedENodeBFlag flag, ulong expected)
    {
        Assert.Equal(RadiusParseError.None, UserLocationDecoder.TryDecode(Convert.FromHexString(hex), NcgiLayout.SpareLast, flag, out var location));

        Assert.Equal(expected, location.CellId);
    }

    [Theory]
    [InlineData("00", 7)]
    [InlineData("01", 7)]
    [InlineData("02", 6)]
    [InlineData("80", 5)]
    [InlineData("81", 7)]
    [InlineData("82", 12)]
    [InlineData("83", 6)]
    [InlineData("84", 11)]
    [InlineData("85", 6)]
    [InlineData("86", 11)]
    [InlineData("87", 8)]
    [InlineData("88", 6)]
    [InlineData("89", 14)]
    [InlineData("8A", 3)]
    [InlineData("8B", 3)]
    public void TryDecode_OneOctetShort_ReportsTruncated(string type, int needed)
    {
        var value = Convert.FromHexString(type + new string('1', (needed - 1) * 2));

        Assert.Equal(RadiusParseError.UliTruncated, UserLocationDecoder.TryDecode(value, default, default, out var location));
        Assert.False(location.IsPresent);
    }

    [Theory]
    [InlineData("00", 7)]
    [InlineData("02", 7)]
    [InlineData("80", 5)]
    [InlineData("82", 12)]
    [InlineData("87", 8)]
    [InlineData("89", 14)]
    public void TryDecode_OneOctetLong_ReportsLengthMismatch(string type, int expected)
    {
        var value = Convert.FromHexString(type + new string('1', (expected + 1) * 2));

        Assert.Equal(RadiusParseError.UliLengthMismatch, UserLocationDecoder.TryDecode(value, default, default, out var location));
        Assert.False(location.IsPresent);
    }

    [Fact]
    public void TryDecode_Empty_ReportsTruncated()
    {
        Assert.Equal(RadiusParseError.UliTruncated, UserLocationDecoder.TryDecode([], default, default, out _));
    }

    [Theory]
    [InlineData("03")]
    [InlineData("7F11223344")]
    [InlineData("8C62F21000A1B2")]
    [InlineData("FF")]
    public void TryDecode_SpareType_IsNotPresentAndNotAnError(string hex)
    {
        Assert.Equal(RadiusParseError.None, Decode(hex, out var location));
        Assert.False(location.IsPresent);
    }

    [Fact]
    public void TryDecode_NonDecimalPlmn_LeavesPlmnEmptyButKeepsTac()
    {
        Assert.Equal(RadiusParseError.None, Decode("80A2F2101A2B", out var location));

        Assert.True(location.Plmn.IsEmpty);
        Assert.Equal(0x1A2Bu, location.Tac);
    }

    [Fact]
    public void TryDecode_EveryTruncationOfEveryType_NeverThrows()
    {
        var full = Convert.FromHexString("00112233445566778899AABBCCDDEEFF0011");
        for (var type = 0; type < 256; type++)
        {
            full[0] = (byte)type;
            for (var n = 0; n <= full.Length; n++)
            {
                _ = UserLocationDecoder.TryDecode(full.AsSpan(0, n), NcgiLayout.SpareFirst, ExtendedENodeBFlag.SetMeansLong, out _);
            }
        }
    }

    private static RadiusParseError Decode(string hex, out UserLocation location) =>
        UserLocationDecoder.TryDecode(Convert.FromHexString(hex), NcgiLayout.SpareLast, ExtendedENodeBFlag.SetMeansShort, out location);
}
