using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>UserLocation, TAI, ECGI/NCGI and PLMN ID decoding (TS 29.571 §5.4).</summary>
public sealed class ChfRecordReaderLocationTests
{
    private const string NrInitial = "chf/s1-initial.json";

    [Theory]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": \"2806e\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": \"2806eab\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": \"2806eg\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": \"\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": 2623210", "schema_type_mismatch")]
    [InlineData(ChfBodies.Nr, "\"nrCellId\": \"c9d13f66d\"", "\"nrCellId\": \"c9d13f66d0\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"nrCellId\": \"c9d13f66d\"", "\"nrCellId\": \"c9d13f66x\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"nrCellId\": \"6d175d284\"", "\"nrCellId\": \"6d175d28\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Eutra, "\"eutraCellId\": \"f928246\"", "\"eutraCellId\": \"f92824\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Eutra, "\"eutraCellId\": \"f928246\"", "\"eutraCellId\": \"f9282460\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Eutra, "\"tac\": \"b434\"", "\"tac\": \"b43\"", "schema_pattern_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tacX\": \"2806ea\"", "schema_required_missing")]
    [InlineData(ChfBodies.Nr, "\"nrCellId\": \"c9d13f66d\"", "\"nrCellIdX\": \"c9d13f66d\"", "schema_required_missing")]
    [InlineData(ChfBodies.Nr, "\"userLocationinfo\": {", "\"userLocationinfo\": [], \"old\": {", "schema_type_mismatch")]
    [InlineData(ChfBodies.Nr, "\"tac\": \"2806ea\"", "\"tac\": \"2806ea\", \"tac\": \"2806ea\"", "duplicate_key")]
    public void TryRead_LocationMember_ReportsReason(string file, string find, string replace, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(file, find, replace)));
    }

    [Theory]
    [InlineData("{\"mcc\": \"26\", \"mnc\": \"01\"}", "schema_pattern_mismatch")]
    [InlineData("{\"mcc\": \"2622\", \"mnc\": \"01\"}", "schema_pattern_mismatch")]
    [InlineData("{\"mcc\": \"262\", \"mnc\": \"1\"}", "schema_pattern_mismatch")]
    [InlineData("{\"mcc\": \"262\", \"mnc\": \"0a\"}", "schema_pattern_mismatch")]
    [InlineData("{\"mcc\": \"262\"}", "schema_required_missing")]
    [InlineData("{\"mcc\": 262, \"mnc\": \"01\"}", "schema_type_mismatch")]
    [InlineData("\"26201\"", "schema_type_mismatch")]
    public void TryRead_BadHomePlmn_ReportsReason(string plmn, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Eutra, "\"hPlmnId\"", $"\"hPlmnId\": {plmn}, \"old\"")));
    }

    [Fact]
    public void TryRead_ThreeDigitMnc_KeepsDigitCount()
    {
        var body = ChfBodies.Edit(ChfBodies.Eutra, "\"hPlmnId\"", "\"hPlmnId\": {\"mcc\": \"001\", \"mnc\": \"001\"}, \"old\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(new PlmnId(1, 1, 3), record.HomePlmn);
        Assert.Equal("001-001", record.HomePlmn.ToString());
    }

    [Fact]
    public void TryRead_CellPlmnDiffersFromTaiPlmn_KeepsBoth()
    {
        var body = ChfBodies.Edit(ChfBodies.Eutra, "\"ecgi\": {",
            "\"ecgi\": {\"plmnId\": {\"mcc\": \"999\", \"mnc\": \"123\"}, \"eutraCellId\": \"FFFFFFF\"}, \"old\": {");

        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal("460-03", record.Location.Plmn.ToString());
        Assert.Equal("999-123", record.Location.CellPlmn.ToString());
        Assert.Equal(0xFFFFFFFUL, record.Location.CellId);
        Assert.Equal(0xb434u, record.Location.Tac);
    }

    [Fact]
    public void TryRead_EutraLocationWithFiveGsTac_Accepted()
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Eutra, "\"tac\": \"b434\"", "\"tac\": \"00B434\""), out var record));
        Assert.Equal(UliType.TaiEcgi, record.Location.Type);
        Assert.Equal(0xb434u, record.Location.Tac);
    }

    [Fact]
    public void TryRead_MaximalCellIds_FitTheirWidths()
    {
        var body = ChfBodies.Edit(NrInitial, "\"nrCellId\": \"6d175d284\"", "\"nrCellId\": \"FFFFFFFFF\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal((1UL << 36) - 1, record.Location.CellId);
        Assert.Equal(CellIdKind.Nci, record.Location.CellKind);
    }

    [Fact]
    public void TryRead_BothEutraAndNrLocation_KeepsNr()
    {
        const string Eutra = "\"eutraLocation\": {\"tai\": {\"plmnId\": {\"mcc\": \"262\", \"mnc\": \"01\"}, \"tac\": \"0001\"}, " +
            "\"ecgi\": {\"plmnId\": {\"mcc\": \"262\", \"mnc\": \"01\"}, \"eutraCellId\": \"0000001\"}}, ";
        var body = ChfBodies.Edit(NrInitial, "\"nrLocation\": {", Eutra + "\"nrLocation\": {");

        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(UliType.FiveGsTaiNcgi, record.Location.Type);
        Assert.Equal(0x6d175d284UL, record.Location.CellId);
    }

    [Fact]
    public void TryRead_OnlyNon3gppLocation_LocationNotPresent()
    {
        var body = ChfBodies.Edit(NrInitial, "\"nrLocation\": {", "\"n3gaLocation\": {\"ueIpv4Addr\": \"192.0.2.1\"}, \"other\": {");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.False(record.Location.IsPresent);
    }

    [Fact]
    public void TryRead_MoreUsedUnitContainersThanCapacity_KeepsFirstAndCountsRest()
    {
        const string Container = "{\"localSequenceNumber\": 9, \"pDUContainerInformation\": {\"userLocationInformation\": {\"eutraLocation\": " +
            "{\"tai\": {\"plmnId\": {\"mcc\": \"262\", \"mnc\": \"01\"}, \"tac\": \"000{0}\"}, " +
            "\"ecgi\": {\"plmnId\": {\"mcc\": \"262\", \"mnc\": \"01\"}, \"eutraCellId\": \"000000{0}\"}}}}}, ";
        var added = string.Concat(Enumerable.Range(1, 5).Select(i => Container.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"usedUnitContainer\": [", "\"usedUnitContainer\": [" + added);

        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(UsedUnitLocationBuffer.Capacity, record.UsedUnitLocationCount);
        Assert.Equal(2, record.UsedUnitLocationsDropped);
        for (var i = 0; i < UsedUnitLocationBuffer.Capacity; i++)
        {
            Assert.Equal((uint)(i + 1), record.UsedUnitLocations[i].Tac);
            Assert.Equal(UliType.TaiEcgi, record.UsedUnitLocations[i].Type);
        }
    }

    [Theory]
    [InlineData("\"localSequenceNumber\": 1,", "", "schema_required_missing")]
    [InlineData("\"ratingGroup\": 10,", "", "schema_required_missing")]
    [InlineData("\"ratingGroup\": 10,", "\"ratingGroup\": -10,", "value_out_of_range")]
    [InlineData("\"localSequenceNumber\": 1,", "\"localSequenceNumber\": -1,", "none")]
    [InlineData("\"localSequenceNumber\": 1,", "\"localSequenceNumber\": 1.5,", "schema_type_mismatch")]
    [InlineData("\"localSequenceNumber\": 1,", "\"localSequenceNumber\": \"1\",", "schema_type_mismatch")]
    [InlineData("\"usedUnitContainer\": [", "\"usedUnitContainer\": 1, \"old\": [", "schema_type_mismatch")]
    [InlineData("\"usedUnitContainer\": [", "\"usedUnitContainer\": [1, ", "schema_type_mismatch")]
    [InlineData("\"pDUContainerInformation\": {", "\"pDUContainerInformation\": \"x\", \"old\": {", "schema_type_mismatch")]
    [InlineData("\"nrCellId\": \"6d175d284\"", "\"nrCellId\": \"6d175d2844\"", "schema_pattern_mismatch")]
    public void TryRead_UsedUnitContainer_ReportsReason(string find, string replace, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, find, replace)));
    }
}
