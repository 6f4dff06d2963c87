using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>Attribute-scope problems: flagged in ValueError, value left empty, the rest still parsed.</summary>
public sealed class AccountingRequestParserValueTests
{
    [Theory]
    [InlineData("acct_status_type_3_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("nas_ip_5_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("framed_ip_3_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("event_timestamp_2_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("message_authenticator_15_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("ipv6_prefix_attribute_length_3", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("ipv6_prefix_attribute_length_21", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("ipv6_prefix_length_129", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("delegated_prefix_length_129", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("rat_type_2_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("ms_timezone_3_octets", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("imsi_mcc_mnc_4_digits", RadiusParseError.AttributeValueLengthInvalid)]
    [InlineData("imsi_16_digits", RadiusParseError.ImsiTooLong)]
    [InlineData("imsi_4_digits", RadiusParseError.ImsiTooShort)]
    [InlineData("imsi_letters", RadiusParseError.ImsiInvalidDigits)]
    [InlineData("imeisv_letters", RadiusParseError.ImeisvInvalidDigits)]
    [InlineData("imeisv_8_octets_not_tbcd", RadiusParseError.ImeisvInvalidDigits)]
    [InlineData("imeisv_tbcd_filler_inside", RadiusParseError.ImeisvInvalidDigits)]
    [InlineData("imeisv_13_digits", RadiusParseError.ImeisvInvalidLength)]
    [InlineData("imeisv_17_digits", RadiusParseError.ImeisvInvalidLength)]
    [InlineData("uli_empty", RadiusParseError.UliTruncated)]
    [InlineData("uli_130_11_octets", RadiusParseError.UliTruncated)]
    [InlineData("uli_138_2_octets", RadiusParseError.UliTruncated)]
    [InlineData("uli_0_8_octets", RadiusParseError.UliLengthMismatch)]
    [InlineData("uli_rai_8_octets", RadiusParseError.UliLengthMismatch)]
    [InlineData("two_problems_first_wins", RadiusParseError.AttributeValueLengthInvalid)]
    public void TryParse_BadValue_FlagsValueErrorAndKeepsParsing(string name, RadiusParseError expected)
    {
        var packet = Build(name);

        var error = AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request);

        Assert.Equal(RadiusParseError.None, error);
        Assert.Equal(expected, request.ValueError);
        Assert.Equal("after", Format.Text(request.AcctSessionId));

        // Authenticators rank above values: a Message-Authenticator of the wrong size cannot verify.
        var classified = name == "message_authenticator_15_octets" ? RadiusParseError.BadMessageAuthenticator : expected;
        Assert.Equal(classified, AccountingRequestParser.Classify(packet, "s3cret"u8, RadiusParserOptions.Default, out _));
    }

    [Fact]
    public void TryParse_BadValues_LeaveTheValueEmpty()
    {
        Assert.False(Parse("acct_status_type_3_octets").HasStatusType);
        Assert.False(Parse("framed_ip_3_octets").HasFramedIpAddress);
        Assert.False(Parse("ipv6_prefix_length_129").FramedIpv6Prefix.IsPresent);
        Assert.True(Parse("imsi_16_digits").Imsi.IsEmpty);
        Assert.Equal(ImsiSource.None, Parse("imsi_16_digits").ImsiSource);
        Assert.True(Parse("imeisv_13_digits").Pei.IsEmpty);
        Assert.Equal(13, Parse("imeisv_13_digits").ImeisvRaw.Length);
        Assert.False(Parse("uli_130_11_octets").Location.IsPresent);
        Assert.Equal(12, Parse("uli_130_11_octets").UserLocationInfoRaw.Length);
        Assert.False(Parse("message_authenticator_15_octets").HasMessageAuthenticator);
    }

    [Fact]
    public void TryParse_NoAcctStatusType_ReturnsMissingButFillsFields()
    {
        var buffer = new byte[512];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 9);
        writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "262011234567890"u8);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, "262011234567890"u8);
        Assert.True(writer.TrySignRequest("s3cret"u8, out var length));

        var error = AccountingRequestParser.TryParse(buffer.AsSpan(0, length), RadiusParserOptions.Default, out var request);

        Assert.Equal(RadiusParseError.MissingAcctStatusType, error);
        Assert.Equal("262011234567890", request.Imsi.ToString());
        Assert.Equal(RadiusParseError.MissingAcctStatusType, AccountingRequestParser.Classify(buffer.AsSpan(0, length), "s3cret"u8, RadiusParserOptions.Default, out _));
        Assert.Equal(RadiusParseError.BadRequestAuthenticator, AccountingRequestParser.Classify(buffer.AsSpan(0, length), "other"u8, RadiusParserOptions.Default, out _));
    }

    [Fact]
    public void TryParse_RepeatedAttributes_FirstOccurrenceWins()
    {
        var buffer = new byte[512];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 1);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 2);
        writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "first"u8);
        writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "second"u8);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.RatType, [6]);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.RatType, [51]);
        Assert.True(writer.TryFinishUnsigned(out var length));

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(buffer.AsSpan(0, length), RadiusParserOptions.Default, out var request));

        Assert.Equal(AcctStatusType.Start, request.StatusType);
        Assert.Equal("first", Format.Text(request.UserName));
        Assert.Equal(6, request.RatType);
    }

    [Theory]
    [InlineData("262011234567890", null, "262011234567890", ImsiSource.UserName)]
    [InlineData("262011234567890", "26201", "262011234567890", ImsiSource.UserName)]
    [InlineData("262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org", "26201", "262011234567890", ImsiSource.UserNameNai)]
    [InlineData("310410123456789", "310410", "310410123456789", ImsiSource.UserName)]
    [InlineData("4917160499399", null, null, ImsiSource.None)]
    [InlineData("4917160499399", "26201", null, ImsiSource.None)]
    [InlineData("262011234567890", "310410", null, ImsiSource.None)]
    [InlineData("user@example.org", null, null, ImsiSource.None)]
    public void TryParse_ImsiOnlyInUserName_TakenWhenItLooksLikeAnImsi(string userName, string? homePlmn, string? expectedImsi, ImsiSource expectedSource)
    {
        var buffer = new byte[512];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);
        writer.TryWriteAttribute(RadiusAttributeTypes.UserName, System.Text.Encoding.ASCII.GetBytes(userName));
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 1);
        if (homePlmn is not null)
        {
            writer.TryWriteThreeGpp(ThreeGppVendorTypes.ImsiMccMnc, System.Text.Encoding.ASCII.GetBytes(homePlmn));
        }

        Assert.True(writer.TryFinishUnsigned(out var length));
        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(buffer.AsSpan(0, length), RadiusParserOptions.Default, out var request));

        Assert.Equal(expectedImsi, Format.Imsi(request.Imsi));
        Assert.Equal(expectedSource, request.ImsiSource);
    }

    [Fact]
    public void TryParse_RaiWithoutFillerOctet_IsAccepted()
    {
        var packet = BuildWith(static (ref RadiusPacketWriter w) => w.TryWriteThreeGpp(ThreeGppVendorTypes.UserLocationInfo, Convert.FromHexString("0262F210311EB9")));

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request));

        Assert.Equal(RadiusParseError.None, request.ValueError);
        Assert.Equal(0xB9, request.Location.Rac);
        Assert.Equal(0x311E, request.Location.Lac);
    }

    private delegate bool WriteAction(ref RadiusPacketWriter writer);

    private static AccountingRequest Parse(string name)
    {
        var packet = Build(name);
        _ = AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request);
        return request;
    }

    private static byte[] Build(string name) => name switch
    {
        "acct_status_type_3_octets" => BuildWith(static (ref RadiusPacketWriter w) => w.TryWriteAttribute(RadiusAttributeTypes.AcctStatusType, [0, 0, 1]), statusType: false),
        "nas_ip_5_octets" => Attribute(RadiusAttributeTypes.NasIpAddress, "0102030405"),
        "framed_ip_3_octets" => Attribute(RadiusAttributeTypes.FramedIpAddress, "644001"),
        "event_timestamp_2_octets" => Attribute(RadiusAttributeTypes.EventTimestamp, "6600"),
        "message_authenticator_15_octets" => Attribute(RadiusAttributeTypes.MessageAuthenticator, "000000000000000000000000000000"),
        "ipv6_prefix_attribute_length_3" => Attribute(RadiusAttributeTypes.FramedIpv6Prefix, "00"),
        "ipv6_prefix_attribute_length_21" => Attribute(RadiusAttributeTypes.FramedIpv6Prefix, "004020010DB80000000000000000000000000000"[..38]),
        "ipv6_prefix_length_129" => Attribute(RadiusAttributeTypes.FramedIpv6Prefix, "008120010DB8"),
        "delegated_prefix_length_129" => Attribute(RadiusAttributeTypes.DelegatedIpv6Prefix, "008120010DB8"),
        "rat_type_2_octets" => ThreeGpp(ThreeGppVendorTypes.RatType, "0606"),
        "ms_timezone_3_octets" => ThreeGpp(ThreeGppVendorTypes.MsTimeZone, "800100"),
        "imsi_mcc_mnc_4_digits" => ThreeGpp(ThreeGppVendorTypes.ImsiMccMnc, Hex("2620")),
        "imsi_16_digits" => ThreeGpp(ThreeGppVendorTypes.Imsi, Hex("2620112345678901")),
        "imsi_4_digits" => ThreeGpp(ThreeGppVendorTypes.Imsi, Hex("2620")),
        "imsi_letters" => ThreeGpp(ThreeGppVendorTypes.Imsi, Hex("26201123456789A")),
        "imeisv_letters" => ThreeGpp(ThreeGppVendorTypes.Imeisv, Hex("359254062149AB16")),
        "imeisv_8_octets_not_tbcd" => ThreeGpp(ThreeGppVendorTypes.Imeisv, "AAAAAAAAAAAAAAAA"),
        "imeisv_tbcd_filler_inside" => ThreeGpp(ThreeGppVendorTypes.Imeisv, "5343F96049740841"),
        "imeisv_13_digits" => ThreeGpp(ThreeGppVendorTypes.Imeisv, Hex("3592540621497")),
        "imeisv_17_digits" => ThreeGpp(ThreeGppVendorTypes.Imeisv, Hex("35925406214974161")),
        "uli_empty" => ThreeGpp(ThreeGppVendorTypes.UserLocationInfo, ""),
        "uli_130_11_octets" => ThreeGpp(ThreeGppVendorTypes.UserLocationInfo, "8262F2101A2B62F21001A2B3"),
        "uli_138_2_octets" => ThreeGpp(ThreeGppVendorTypes.UserLocationInfo, "8A1300"),
        "uli_0_8_octets" => ThreeGpp(ThreeGppVendorTypes.UserLocationInfo, "0062F2101234567800"),
        "uli_rai_8_octets" => ThreeGpp(ThreeGppVendorTypes.UserLocationInfo, "0262F210311EB9FF00"),
        "two_problems_first_wins" => BuildWith(static (ref RadiusPacketWriter w) =>
            w.TryWriteAttribute(RadiusAttributeTypes.FramedIpAddress, [1, 2, 3]) &&
            w.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, "2620112345678901"u8)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string Hex(string ascii) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(ascii));

    private static byte[] Attribute(byte type, string hex) =>
        BuildWith((ref RadiusPacketWriter w) => w.TryWriteAttribute(type, Convert.FromHexString(hex)));

    private static byte[] ThreeGpp(byte vendorType, string hex) =>
        BuildWith((ref RadiusPacketWriter w) => w.TryWriteThreeGpp(vendorType, Convert.FromHexString(hex)));

    /// <summary>A signed Accounting-Request: Acct-Status-Type, the case's attributes, then Acct-Session-Id "after".</summary>
    private static byte[] BuildWith(WriteAction write, bool statusType = true)
    {
        var buffer = new byte[1024];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 7);
        if (statusType)
        {
            Assert.True(writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)AcctStatusType.InterimUpdate));
        }

        Assert.True(write(ref writer));
        Assert.True(writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, "after"u8));
        Assert.True(writer.TrySignRequest("s3cret"u8, out var length));
        return buffer[..length];
    }
}
