using System.Buffers.Binary;
using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>Framing: every prefix of every corpus packet, and table-driven corruption of length and TLV fields.</summary>
public sealed class AccountingRequestParserFramingTests
{
    // Offsets in BasePacket: Acct-Status-Type @20, User-Name @26, 3GPP VSA (IMSI) @32, Cisco VSA @47, Calling-Station-Id @57.
    private const int ImsiVsaOffset = 32;
    private const int CiscoVsaOffset = 47;
    private const int LastAttributeOffset = 57;

    private static readonly byte[] BasePacket = Convert.FromHexString(
        "0401003F" + "00000000000000000000000000000000" +
        "280600000001" +
        "010675736572" +
        "1A0F000028AF01093132333435363" + "7" +
        "1A0A0000000901046162" +
        "1F0634393137");

    public static TheoryData<string> CorpusPacketNames()
    {
        var data = new TheoryData<string>();
        foreach (var set in new[] { "peer", "synthetic", "malformed" })
        {
            try
            {
                foreach (var d in Corpus.Datagrams(set))
                {
                    data.Add($"{set}:{d.Frame}");
                }
            }
            catch (InvalidOperationException)
            {
                data.Add($"{set}:1");
            }
        }

        return data;
    }

    [Fact]
    public void TryParse_BasePacket_IsValid()
    {
        Assert.Equal(63, BasePacket.Length);
        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(BasePacket, RadiusParserOptions.Default, out var request));
        Assert.Equal(RadiusParseError.None, request.ValueError);
        Assert.Equal("1234567", request.Imsi.ToString());
        Assert.Equal("4917", Format.Text(request.CallingStationId));
    }

    [Theory]
    [MemberData(nameof(CorpusPacketNames))]
    public void TryParse_EveryPrefixOfCorpusPacket_ReturnsTruncationError(string name)
    {
        var separator = name.IndexOf(':', StringComparison.Ordinal);
        var datagram = Corpus.Frame(name[..separator], long.Parse(name[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Payload;
        var fullError = AccountingRequestParser.TryParse(datagram, RadiusParserOptions.Default, out var full);
        var framed = fullError is RadiusParseError.None or RadiusParseError.UnexpectedCode or > RadiusParseError.LengthExceedsDatagram;
        var length = framed ? full.Length : datagram.Length;

        for (var n = 0; n < length; n++)
        {
            var prefix = datagram.AsSpan(0, n);
            var error = AccountingRequestParser.TryParse(prefix, RadiusParserOptions.Default, out var request);
            _ = RadiusAuthenticator.VerifyRequest(prefix, "secret"u8);
            _ = AccountingRequestParser.Classify(prefix, "secret"u8, RadiusParserOptions.Default, out _);

            Assert.True(RadiusParseErrors.IsDatagramScope(error), $"prefix {n}: {error}");
            if (framed)
            {
                var expected = n == 0 ? RadiusParseError.EmptyDatagram
                    : n < AccountingRequestParser.HeaderLength ? RadiusParseError.DatagramTooShort
                    : RadiusParseError.LengthExceedsDatagram;
                Assert.Equal(expected, error);
                Assert.Equal(RadiusParseError.None, request.ValueError);
            }
        }
    }

    [Theory]
    [InlineData("valid", RadiusParseError.None)]
    [InlineData("padding_after_length", RadiusParseError.None)]
    [InlineData("length_19", RadiusParseError.LengthBelowMinimum)]
    [InlineData("length_0", RadiusParseError.LengthBelowMinimum)]
    [InlineData("length_4097", RadiusParseError.LengthAboveMaximum)]
    [InlineData("length_65535", RadiusParseError.LengthAboveMaximum)]
    [InlineData("length_plus_one", RadiusParseError.LengthExceedsDatagram)]
    [InlineData("code_1", RadiusParseError.UnexpectedCode)]
    [InlineData("code_5", RadiusParseError.UnexpectedCode)]
    [InlineData("first_attribute_length_0", RadiusParseError.AttributeLengthInvalid)]
    [InlineData("first_attribute_length_1", RadiusParseError.AttributeLengthInvalid)]
    [InlineData("last_attribute_length_7", RadiusParseError.AttributeOverrun)]
    [InlineData("last_attribute_length_255", RadiusParseError.AttributeOverrun)]
    [InlineData("stray_octet", RadiusParseError.AttributeOverrun)]
    [InlineData("trailing_attribute_length_1", RadiusParseError.AttributeLengthInvalid)]
    [InlineData("vsa_length_6", RadiusParseError.VsaTooShort)]
    [InlineData("trailing_vsa_length_2", RadiusParseError.VsaTooShort)]
    [InlineData("sublength_0", RadiusParseError.VsaSublengthInvalid)]
    [InlineData("sublength_1", RadiusParseError.VsaSublengthInvalid)]
    [InlineData("sublength_overrun", RadiusParseError.VsaSublengthOverrun)]
    [InlineData("sublength_short_leaves_one_octet", RadiusParseError.VsaSublengthOverrun)]
    [InlineData("foreign_vendor_sublength_0", RadiusParseError.None)]
    [InlineData("vsa_error_then_attribute_overrun", RadiusParseError.AttributeOverrun)]
    [InlineData("sublength_overrun_then_vsa_too_short", RadiusParseError.VsaTooShort)]
    public void TryParse_CorruptedLengthOrTlv_ReportsExpectedError(string corruption, RadiusParseError expected)
    {
        var packet = Corrupt(corruption);

        var error = AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request);

        Assert.Equal(expected, error);
        if (error != RadiusParseError.None)
        {
            Assert.True(request.UserName.IsEmpty);
            Assert.True(request.Imsi.IsEmpty);
        }
    }

    [Fact]
    public void TryParse_ExpectedCodeOption_AcceptsOtherCodes()
    {
        var packet = Corrupt("valid");
        packet[0] = RadiusCodes.DisconnectRequest;

        Assert.Equal(RadiusParseError.UnexpectedCode, AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out _));
        Assert.Equal(
            RadiusParseError.None,
            AccountingRequestParser.TryParse(packet, new RadiusParserOptions { ExpectedCode = RadiusCodes.DisconnectRequest }, out var request));
        Assert.Equal(RadiusCodes.DisconnectRequest, request.Code);
    }

    [Fact]
    public void TryParse_PaddingAfterLength_IsExcludedFromPacket()
    {
        var packet = Corrupt("padding_after_length");

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request));

        Assert.Equal(BasePacket.Length, request.Packet.Length);
        Assert.Equal(BasePacket.Length, request.Length);
    }

    [Fact]
    public void TryParse_RandomDatagrams_NeverThrow()
    {
        var random = new Random(1234);
        var buffer = new byte[600];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 2 == 0 && length >= 20)
            {
                // Make half of them look framed so the attribute walk is exercised too.
                buffer[0] = RadiusCodes.AccountingRequest;
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)length);
            }

            _ = AccountingRequestParser.Classify(buffer.AsSpan(0, length), "s"u8, RadiusParserOptions.Default, out _);
        }
    }

    private static byte[] Corrupt(string corruption)
    {
        var p = (byte[])BasePacket.Clone();
        switch (corruption)
        {
            case "valid":
                return p;
            case "padding_after_length":
                return [.. p, 0, 0, 0, 0, 0xAB];
            case "length_19":
                return SetLength(p, 19);
            case "length_0":
                return SetLength(p, 0);
            case "length_4097":
                return SetLength(p, 4097);
            case "length_65535":
                return SetLength(p, 65535);
            case "length_plus_one":
                return SetLength(p, p.Length + 1);
            case "code_1":
                p[0] = 1;
                return p;
            case "code_5":
                p[0] = 5;
                return p;
            case "first_attribute_length_0":
                p[21] = 0;
                return p;
            case "first_attribute_length_1":
                p[21] = 1;
                return p;
            case "last_attribute_length_7":
                p[LastAttributeOffset + 1] = 7;
                return p;
            case "last_attribute_length_255":
                p[LastAttributeOffset + 1] = 255;
                return p;
            case "stray_octet":
                return Append(p, 0x1F);
            case "trailing_attribute_length_1":
                return Append(p, 0x19, 0x01);
            case "vsa_length_6":
                // The 4 Vendor-Id octets stay; the former sub-attribute then reads as a User-Name of 7 octets.
                p[ImsiVsaOffset + 1] = 6;
                return p;
            case "trailing_vsa_length_2":
                return Append(p, 0x1A, 0x02);
            case "sublength_0":
                p[ImsiVsaOffset + 7] = 0;
                return p;
            case "sublength_1":
                p[ImsiVsaOffset + 7] = 1;
                return p;
            case "sublength_overrun":
                p[ImsiVsaOffset + 7] = 10;
                return p;
            case "sublength_short_leaves_one_octet":
                p[ImsiVsaOffset + 7] = 8;
                return p;
            case "foreign_vendor_sublength_0":
                p[CiscoVsaOffset + 7] = 0;
                return p;
            case "vsa_error_then_attribute_overrun":
                p[ImsiVsaOffset + 7] = 10;
                p[LastAttributeOffset + 1] = 7;
                return p;
            case "sublength_overrun_then_vsa_too_short":
                p[ImsiVsaOffset + 7] = 10;
                return Append(p, 0x1A, 0x06, 0x00, 0x00, 0x28, 0xAF);
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
    }

    private static byte[] SetLength(byte[] packet, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)length);
        return packet;
    }

    private static byte[] Append(byte[] packet, params byte[] octets) => SetLength([.. packet, .. octets], packet.Length + octets.Length);
}
