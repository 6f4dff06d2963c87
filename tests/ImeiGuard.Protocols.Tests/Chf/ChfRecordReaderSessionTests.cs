using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Request-level and PDU session members: numbers, addresses, RAT type, time values, required members.</summary>
public sealed class ChfRecordReaderSessionTests
{
    [Theory]
    [InlineData("\"pduSessionID\": 1,", "\"pduSessionID\": 256,", "value_out_of_range")]
    [InlineData("\"pduSessionID\": 1,", "\"pduSessionID\": -1,", "value_out_of_range")]
    [InlineData("\"pduSessionID\": 1,", "\"pduSessionID\": 1.5,", "schema_type_mismatch")]
    [InlineData("\"pduSessionID\": 1,", "\"pduSessionID\": \"1\",", "schema_type_mismatch")]
    [InlineData("\"pduSessionID\": 1,", "\"pduSessionIDX\": 1,", "schema_required_missing")]
    [InlineData("\"dnnId\": \"internet\",", "\"dnnIdX\": \"internet\",", "schema_required_missing")]
    [InlineData("\"dnnId\": \"internet\",", "\"dnnId\": 7,", "schema_type_mismatch")]
    [InlineData("\"invocationSequenceNumber\": 1,", "\"invocationSequenceNumber\": 4294967296,", "value_out_of_range")]
    [InlineData("\"invocationSequenceNumber\": 1,", "\"invocationSequenceNumber\": true,", "schema_type_mismatch")]
    [InlineData("\"invocationSequenceNumber\": 1,", "\"invocationSequenceNumberX\": 1,", "schema_required_missing")]
    [InlineData("\"invocationTimeStamp\"", "\"invocationTimeStampX\"", "schema_required_missing")]
    [InlineData("\"nfConsumerIdentification\": {", "\"nfConsumerIdentification\": [], \"old\": {", "schema_type_mismatch")]
    [InlineData("\"nodeFunctionality\": \"SMF\"", "\"nodeFunctionalityX\": \"SMF\"", "schema_required_missing")]
    [InlineData("\"pduAddressprefixlength\": 64,", "\"pduAddressprefixlength\": 129,", "value_out_of_range")]
    [InlineData("\"pduIPv4Address\": \"100.112.207.149\"", "\"pduIPv4Address\": \"100.112.207.0149\"", "schema_pattern_mismatch")]
    [InlineData("\"pduIPv4Address\": \"100.112.207.149\"", "\"pduIPv4Address\": \"100.112.207.256\"", "schema_pattern_mismatch")]
    [InlineData("\"pduIPv6AddresswithPrefix\": \"2001:db8:7b98:34f1::1\"", "\"pduIPv6AddresswithPrefix\": \"2001:db8:7b98:34f1::/64\"", "schema_pattern_mismatch")]
    [InlineData("\"uetimeZone\": \"+02:00+1\",", "\"uetimeZone\": \"+2:00\",", "schema_format_mismatch")]
    [InlineData("\"uetimeZone\": \"+02:00+1\",", "\"uetimeZone\": \"+02:00+3\",", "schema_format_mismatch")]
    [InlineData("\"uetimeZone\": \"+02:00+1\",", "\"uetimeZone\": \"Z\",", "schema_format_mismatch")]
    [InlineData("\"2024-08-28T06:48:34Z\",\n  \"invocationSequenceNumber\"", "\"2024-08-28\",\n  \"invocationSequenceNumber\"", "schema_format_mismatch")]
    [InlineData("\"2024-08-28T06:48:34Z\",\n  \"invocationSequenceNumber\"", "\"2024-08-28T06:48:34\",\n  \"invocationSequenceNumber\"", "schema_format_mismatch")]
    [InlineData("\"2024-08-28T06:48:34Z\",\n  \"invocationSequenceNumber\"", "\"2024-13-28T06:48:34Z\",\n  \"invocationSequenceNumber\"", "schema_format_mismatch")]
    [InlineData("\"chargingId\": 3201454797,", "\"chargingId\": -5,", "value_out_of_range")]
    [InlineData("\"userInformation\": {", "\"userInformation\": \"x\", \"old\": {", "schema_type_mismatch")]
    [InlineData("\"pduSessionInformation\": {", "\"pduSessionInformation\": null, \"old\": {", "schema_type_mismatch")]
    [InlineData("\"multipleUnitUsage\": [", "\"multipleUnitUsage\": {}, \"old\": [", "schema_type_mismatch")]
    [InlineData("\"sMFchargingId\": \"3201454797\",", "\"chargingId\": 1,", "duplicate_key")]
    public void TryRead_SessionMember_ReportsReason(string find, string replace, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, find, replace)));
    }

    [Fact]
    public void TryRead_DuplicateUnreadMember_Accepted()
    {
        // Only members the reader uses are tracked; tracking every name would need a set per object.
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"sMFchargingId\": \"3201454797\",", "\"sMFchargingId\": \"1\", \"sMFchargingId\": \"2\",");
        Assert.Equal("none", ChfBodies.Reason(body));
    }

    [Theory]
    [InlineData("NR", ChfRatType.Nr)]
    [InlineData("EUTRA", ChfRatType.Eutra)]
    [InlineData("LTE-M", ChfRatType.LteM)]
    [InlineData("NR_REDCAP", ChfRatType.NrRedCap)]
    [InlineData("LTE_M_OTHERSAT", ChfRatType.LteMOtherSat)]
    [InlineData("nr", ChfRatType.Other)]
    [InlineData("", ChfRatType.Other)]
    public void TryRead_RatType_MapsEnumerationAndOther(string wire, ChfRatType expected)
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"ratType\": \"NR\"", $"\"ratType\": \"{wire}\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(expected, record.RatType);
        if (expected != ChfRatType.Other)
        {
            Assert.Equal(wire, ChfRatTypes.WireName(record.RatType));
        }
    }

    [Fact]
    public void TryRead_NumericLimits_Accepted()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"pduSessionID\": 1,", "\"pduSessionID\": 255,");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(255, record.PduSessionId);

        body = ChfBodies.Edit(ChfBodies.Nr, "\"invocationSequenceNumber\": 1,", "\"invocationSequenceNumber\": 4294967295,");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out record));
        Assert.Equal(uint.MaxValue, record.InvocationSequenceNumber);

        body = ChfBodies.Edit(ChfBodies.Nr, "\"pduAddressprefixlength\": 64,", "\"pduAddressprefixlength\": 128,");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out record));
        Assert.Equal(128, record.UeIpv6PrefixLength);
    }

    [Fact]
    public void TryRead_TopLevelChargingId_KeptApartFromSessionChargingId()
    {
        var body = ChfBodies.WithFirstMember(ChfBodies.Nr, "\"chargingId\": 7");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.True(record.HasRequestChargingId);
        Assert.Equal(7u, record.RequestChargingId);
        Assert.Equal(3201454797u, record.ChargingId);
        Assert.Equal(3201454797u, record.EffectiveChargingId);

        body = ChfBodies.Edit(ChfBodies.Nr, "\"chargingId\": 3201454797,", "");
        body = ChfBodies.EditText(System.Text.Encoding.UTF8.GetString(body), "{\n  \"subscriberIdentifier\"", "{\"chargingId\": 7,\n  \"subscriberIdentifier\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out record));
        Assert.False(record.HasChargingId);
        Assert.Equal(7u, record.EffectiveChargingId);
    }

    [Fact]
    public void TryRead_InvocationTimeStampWithOffsetAndFraction_ConvertedToUnixMs()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"2024-08-28T06:48:34Z\",\n  \"invocationSequenceNumber\"", "\"2024-08-28T08:48:34.250+02:00\",\n  \"invocationSequenceNumber\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(new DateTimeOffset(2024, 8, 28, 6, 48, 34, 250, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.InvocationTimeUnixMs);
    }

    [Fact]
    public void TryRead_CorpusTimeValues_Decoded()
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfCorpus.Get(ChfBodies.Nr).Body, out var record));
        Assert.Equal(new DateTimeOffset(2024, 8, 28, 6, 48, 34, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.InvocationTimeUnixMs);
        Assert.Equal(1u, record.InvocationSequenceNumber);
        Assert.Equal(new UeTimeZone(120, 1, true), record.UeTimeZone);
    }

    [Fact]
    public void TryRead_NoPduSessionChargingInformation_AcceptedWithoutSessionValues()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"pDUSessionChargingInformation\"", "\"otherChargingInformation\"");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.False(record.Location.IsPresent);
        Assert.False(record.HasChargingId);
        Assert.True(record.Pei.IsEmpty);
        Assert.Equal(1, record.UsedUnitLocationCount);
    }
}
