using System.Net;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

public sealed class RadiusPacketWriterTests
{
    private static ReadOnlySpan<byte> Secret => "pgwA-Dddzkzpr8NwFiQ"u8;

    [Fact]
    public void TrySignRequest_AllFields_ParserReadsThemBack()
    {
        var packet = BuildFullRequest();

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var r));

        Assert.Equal(RadiusParseError.None, r.ValueError);
        Assert.Equal(77, r.Identifier);
        Assert.Equal(AcctStatusType.InterimUpdate, r.StatusType);
        Assert.Equal("262011234567890", Format.Text(r.UserName));
        Assert.Equal("+491711234567", Format.Text(r.CallingStationId));
        Assert.Equal("internet", Format.Text(r.CalledStationId));
        Assert.Equal("pgw-a-01", Format.Text(r.NasIdentifier));
        Assert.Equal("12345678-0001", Format.Text(r.AcctSessionId));
        Assert.Equal("192.0.2.25", Format.Ipv4(r.NasIpAddress, r.HasNasIpAddress));
        Assert.Equal("100.64.12.34", Format.Ipv4(r.FramedIpAddress, r.HasFramedIpAddress));
        Assert.Equal("2001:db8:1234:5600::/56", Format.Ipv6Prefix(r.FramedIpv6Prefix));
        Assert.Equal("2001:db8:aaaa::/48", Format.Ipv6Prefix(r.DelegatedIpv6Prefix));
        Assert.Equal(1718000000u, r.EventTimestamp);
        Assert.Equal("262011234567890", r.Imsi.ToString());
        Assert.Equal(ImsiSource.ThreeGppImsi, r.ImsiSource);
        Assert.Equal("262-01", r.ImsiMccMnc.ToString());
        Assert.Equal("310-410", r.SgsnMccMnc.ToString());
        Assert.Equal(PeiKind.Imeisv16, r.Pei.Kind);
        Assert.Equal(PeiWireForm.Ascii, r.Pei.WireForm);
        Assert.Equal("3534900698733012", Format.PeiDigits(r.Pei));
        Assert.Equal(51, r.RatType);
        Assert.Equal(UliType.FiveGsTaiNcgi, r.Location.Type);
        Assert.Equal(0x00A1B2u, r.Location.Tac);
        Assert.Equal(0x012345678UL, r.Location.CellId);
        Assert.Equal(0x8001, r.MsTimeZone);
        Assert.True(r.HasMessageAuthenticator);
    }

    [Fact]
    public void TrySignRequest_AllFields_VerifiesAndEveryOneBitChangeFails()
    {
        var packet = BuildFullRequest();
        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(packet, Secret));

        for (var bit = 0; bit < packet.Length * 8; bit++)
        {
            packet[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(packet, Secret));
            packet[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void TrySignRequest_DisconnectRequestWithMessageAuthenticator_Verifies()
    {
        var buffer = new byte[256];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.DisconnectRequest, 5);
        Assert.True(writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "262011234567890"u8));
        Assert.True(writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, "12345678-0001"u8));
        Assert.True(writer.TryWriteMessageAuthenticator());
        Assert.True(writer.TrySignRequest(Secret, out var length));

        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(buffer.AsSpan(0, length), Secret));
        var options = new RadiusParserOptions { ExpectedCode = RadiusCodes.DisconnectRequest };
        Assert.Equal(RadiusParseError.MissingAcctStatusType, AccountingRequestParser.TryParse(buffer.AsSpan(0, length), options, out var request));
        Assert.True(request.HasMessageAuthenticator);
        Assert.Equal(RadiusCodes.DisconnectRequest, request.Code);
    }

    [Fact]
    public void TryWriteIpv6Prefix_TruncatedForms_WriteOnlySignificantOctets()
    {
        var buffer = new byte[64];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);
        var prefix = Prefix("2001:db8:e609:de00::");

        Assert.True(writer.TryWriteIpv6Prefix(RadiusAttributeTypes.FramedIpv6Prefix, prefix, 56, prefixOctets: 7));
        Assert.True(writer.TryFinishUnsigned(out var length));

        Assert.Equal("610B003820010DB8E609DE", Convert.ToHexString(buffer, 20, length - 20));
    }

    [Fact]
    public void TryWriteAttribute_BufferTooSmall_FailsAndCannotSign()
    {
        var buffer = new byte[24];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);

        Assert.False(writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "12345"u8));
        Assert.True(writer.HasFailed);
        Assert.False(writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 1));
        Assert.False(writer.TrySignRequest(Secret, out var length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void TryWriteAttribute_ValueOver253Octets_Fails()
    {
        var buffer = new byte[1024];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);

        Assert.True(writer.TryWriteAttribute(RadiusAttributeTypes.Class, new byte[253]));
        Assert.False(writer.TryWriteAttribute(RadiusAttributeTypes.Class, new byte[254]));
    }

    [Fact]
    public void TryWriteSubAttribute_VendorAttributeOver255Octets_Fails()
    {
        var buffer = new byte[1024];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);

        Assert.True(writer.TryBeginVendorSpecific(ThreeGppVendorTypes.VendorId));
        Assert.True(writer.TryWriteSubAttribute(1, new byte[200]));
        Assert.False(writer.TryWriteSubAttribute(2, new byte[48]));
    }

    [Fact]
    public void TrySignRequest_VendorAttributeLeftOpen_Fails()
    {
        var buffer = new byte[128];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);
        Assert.True(writer.TryBeginVendorSpecific(ThreeGppVendorTypes.VendorId));
        Assert.True(writer.TryWriteSubAttribute(ThreeGppVendorTypes.RatType, [6]));

        Assert.False(writer.TrySignRequest(Secret, out _));
        Assert.True(writer.TryEndVendorSpecific());
        Assert.True(writer.TrySignRequest(Secret, out var length));
        Assert.Equal("1A09000028AF150306", Convert.ToHexString(buffer, 20, length - 20));
    }

    [Fact]
    public void TryWriteRaw_BeyondMaximumPacketLength_Fails()
    {
        var buffer = new byte[5000];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);

        Assert.True(writer.TryWriteRaw(new byte[4096 - 20]));
        Assert.False(writer.TryWriteRaw([0]));
    }

    /// <summary>Every field the parser extracts, the 3GPP sub-attributes packed into one Vendor-Specific attribute.</summary>
    private static byte[] BuildFullRequest()
    {
        var buffer = new byte[1024];
        var w = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 77);
        Assert.True(w.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)AcctStatusType.InterimUpdate));
        Assert.True(w.TryWriteAttribute(RadiusAttributeTypes.UserName, "262011234567890"u8));
        Assert.True(w.TryWriteAttribute(RadiusAttributeTypes.CallingStationId, "+491711234567"u8));
        Assert.True(w.TryWriteAttribute(RadiusAttributeTypes.CalledStationId, "internet"u8));
        Assert.True(w.TryWriteAttribute(RadiusAttributeTypes.NasIdentifier, "pgw-a-01"u8));
        Assert.True(w.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, "12345678-0001"u8));
        Assert.True(w.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, 0xC0000219));
        Assert.True(w.TryWriteUInt32(RadiusAttributeTypes.FramedIpAddress, 0x64400C22));
        Assert.True(w.TryWriteIpv6Prefix(RadiusAttributeTypes.FramedIpv6Prefix, Prefix("2001:db8:1234:5600::"), 56, prefixOctets: 7));
        Assert.True(w.TryWriteIpv6Prefix(RadiusAttributeTypes.DelegatedIpv6Prefix, Prefix("2001:db8:aaaa::"), 48));
        Assert.True(w.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, 1718000000));
        Assert.True(w.TryWriteVendorAttribute(9, 1, "ip:addr-pool=pool-a"u8));
        Assert.True(w.TryBeginVendorSpecific(ThreeGppVendorTypes.VendorId));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.Imsi, "262011234567890"u8));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.ImsiMccMnc, "26201"u8));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.SgsnMccMnc, "310410"u8));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.Imeisv, "3534900698733012"u8));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.RatType, [51]));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.UserLocationInfo, Convert.FromHexString("8962F21000A1B262F210012345678A")));
        Assert.True(w.TryWriteSubAttribute(ThreeGppVendorTypes.MsTimeZone, [0x80, 0x01]));
        Assert.True(w.TryEndVendorSpecific());
        Assert.True(w.TryWriteMessageAuthenticator());
        Assert.True(w.TrySignRequest(Secret, out var length));
        return buffer[..length];
    }

    private static UInt128 Prefix(string address) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(IPAddress.Parse(address).GetAddressBytes());
}
