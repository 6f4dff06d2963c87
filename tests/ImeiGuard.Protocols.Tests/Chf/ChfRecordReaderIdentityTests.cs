using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>subscriberIdentifier, servedPEI and servedGPSI: prefixes and digit counts the schema does not check.</summary>
public sealed class ChfRecordReaderIdentityTests
{
    private const string Supi = "\"imsi-262015057443447\"";
    private const string Pei = "\"imeisv-3520990043070713\"";
    private const string Gpsi = "\"msisdn-4915110332889\"";

    [Theory]
    [InlineData("\"imsi-12345\"", "none")]
    [InlineData("\"imsi-1234\"", "supi_bad_length")]
    [InlineData("\"imsi-\"", "supi_bad_length")]
    [InlineData("\"imsi-2620150574434470\"", "supi_bad_length")]
    [InlineData("\"imsi-26201505744344a\"", "supi_invalid_digits")]
    [InlineData("\"IMSI-262015057443447\"", "supi_bad_prefix")]
    [InlineData("\"262015057443447\"", "supi_bad_prefix")]
    [InlineData("\"nai-\"", "supi_bad_prefix")]
    [InlineData("\"\"", "supi_bad_prefix")]
    [InlineData("262015057443447", "schema_type_mismatch")]
    [InlineData("null", "schema_type_mismatch")]
    public void TryRead_SubscriberIdentifier_ReportsReason(string value, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, Supi, value)));
    }

    [Theory]
    [InlineData("\"nai-user@realm.example\"", ChfSupiKind.Nai)]
    [InlineData("\"gci-0123@cable.example\"", ChfSupiKind.Gci)]
    [InlineData("\"gli-0123@line.example\"", ChfSupiKind.Gli)]
    public void TryRead_NonImsiSupi_AcceptedWithoutImsi(string value, ChfSupiKind kind)
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Supi, value), out var record));
        Assert.Equal(kind, record.SupiKind);
        Assert.True(record.Imsi.IsEmpty);
    }

    [Fact]
    public void TryRead_ImsiWithLeadingZeros_KeepsDigitCount()
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Supi, "\"imsi-001010000000001\""), out var record));
        Assert.Equal("001010000000001", record.Imsi.ToString());
    }

    [Fact]
    public void TryRead_NoSubscriberIdentifier_AcceptedWithoutImsi()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"subscriberIdentifier\": " + Supi + ",", "");
        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var record));
        Assert.Equal(ChfSupiKind.None, record.SupiKind);
    }

    [Theory]
    [InlineData("\"imeisv-352099004307071\"", "pei_bad_length")]
    [InlineData("\"imeisv-35209900430707133\"", "pei_bad_length")]
    [InlineData("\"imei-35209900430707\"", "pei_bad_length")]
    [InlineData("\"imei-3520990043070713\"", "pei_bad_length")]
    [InlineData("\"imeisv-35209900430707a3\"", "pei_invalid_digits")]
    [InlineData("\"imei-35209900430707 \"", "pei_invalid_digits")]
    [InlineData("\"3520990043070713\"", "pei_bad_prefix")]
    [InlineData("\"mac-00-11-22-33-44\"", "pei_bad_length")]
    [InlineData("\"mac-00-11-22-33-44-5g\"", "pei_invalid_digits")]
    [InlineData("\"mac-00:11:22:33:44:55\"", "pei_invalid_digits")]
    [InlineData("\"eui-00-11-22-33-44-55-66\"", "pei_bad_length")]
    [InlineData("{}", "schema_type_mismatch")]
    public void TryRead_ServedPei_ReportsReason(string value, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, Pei, value)));
    }

    [Theory]
    [InlineData("\"mac-00-11-22-aa-BB-cc\"", ChfPeiForm.Mac)]
    [InlineData("\"mac-00-11-22-aa-BB-cc-untrusted\"", ChfPeiForm.Mac)]
    [InlineData("\"eui-00-11-22-33-44-55-66-77\"", ChfPeiForm.Eui64)]
    public void TryRead_NonImeiPei_AcceptedWithoutImei(string value, ChfPeiForm form)
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Pei, value), out var record));
        Assert.Equal(form, record.PeiForm);
        Assert.True(record.Pei.IsEmpty);
    }

    [Theory]
    [InlineData("353490069873301", true)]
    [InlineData("353490069873300", false)]
    public void TryRead_Imei_RecordsLuhnWithoutRejecting(string digits, bool luhnOk)
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Pei, $"\"imei-{digits}\""), out var record));
        Assert.Equal(ChfPeiForm.Imei, record.PeiForm);
        Assert.Equal(new Pei(record.Pei.Device, PeiKind.Imei15, PeiWireForm.Text, (byte)(digits[14] - '0'), luhnOk), record.Pei);
        Assert.Equal(35349006u, record.Pei.Device.Tac);
    }

    [Theory]
    [InlineData("\"msisdn-1234\"", "gpsi_bad_length")]
    [InlineData("\"msisdn-1234567890123456\"", "gpsi_bad_length")]
    [InlineData("\"msisdn-+4915110332889\"", "gpsi_invalid_digits")]
    [InlineData("\"tel:+4915110332889\"", "gpsi_bad_prefix")]
    [InlineData("\"extid-user\"", "gpsi_bad_prefix")]
    [InlineData("\"extid-@domain\"", "gpsi_bad_prefix")]
    [InlineData("\"extid-a@b@c\"", "gpsi_bad_prefix")]
    [InlineData("4915110332889", "schema_type_mismatch")]
    public void TryRead_ServedGpsi_ReportsReason(string value, string reason)
    {
        Assert.Equal(reason, ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, Gpsi, value)));
    }

    [Fact]
    public void TryRead_MsisdnWithLeadingZeros_KeepsDigits()
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Gpsi, "\"msisdn-0049151\""), out var record));
        Span<byte> digits = stackalloc byte[15];
        Assert.True(record.TryFormatMsisdn(digits, out var n));
        Assert.Equal("0049151", System.Text.Encoding.ASCII.GetString(digits[..n]));
        Assert.Equal((7UL << 60) | 49151UL, record.MsisdnPacked);
    }

    [Fact]
    public void TryRead_ExternalIdGpsi_AcceptedWithoutMsisdn()
    {
        Assert.Equal(ChfParseError.None, ChfBodies.Read(ChfBodies.Edit(ChfBodies.Nr, Gpsi, "\"extid-device42@iot.example\""), out var record));
        Assert.Equal(ChfGpsiKind.ExternalId, record.GpsiKind);
        Assert.Equal(0UL, record.MsisdnPacked);
    }

    [Fact]
    public void TryRead_EscapedIdentityAndMemberName_DecodedLikePlain()
    {
        ChfBodies.Read(ChfCorpus.Get(ChfBodies.Nr).Body, out var plain);
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"subscriberIdentifier\": " + Supi, "\"subscriber\\u0049dentifier\": \"imsi-\\u00326201505744344\\u0037\"");

        Assert.Equal(ChfParseError.None, ChfBodies.Read(body, out var escaped));
        ChfRecordAssert.Same(plain, escaped);
    }

    [Fact]
    public void TryRead_EscapedLoneSurrogateInIdentity_InvalidUtf8()
    {
        Assert.Equal("invalid_utf8", ChfBodies.Reason(ChfBodies.Edit(ChfBodies.Nr, Supi, "\"imsi-\\ud800\"")));
    }

    [Fact]
    public void TryRead_IdentityLongerThanLimit_StringTooLong()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, Supi, "\"imsi-" + new string('2', ChfRecordReader.MaxStringBytes) + "\"");
        Assert.Equal("string_too_long", ChfBodies.Reason(body));
    }

    [Fact]
    public void TryRead_UnreadMemberLongerThanLimit_Accepted()
    {
        var body = ChfBodies.WithFirstMember(ChfBodies.Nr, "\"tenantIdentifier\": \"" + new string('t', 10_000) + "\"");
        Assert.Equal("none", ChfBodies.Reason(body));
    }
}
