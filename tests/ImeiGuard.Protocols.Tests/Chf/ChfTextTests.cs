using System.Net;
using System.Text;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

public sealed class ChfTextTests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("100.112.207.149", 0x6470CF95u)]
    [InlineData("255.255.255.255", uint.MaxValue)]
    [InlineData("10.0.0.1", 0x0A000001u)]
    public void TryParseIpv4_DottedQuad_PacksNetworkOrder(string text, uint expected)
    {
        Assert.True(ChfText.TryParseIpv4(Encoding.ASCII.GetBytes(text), out var address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.256")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1..3.4")]
    [InlineData("1.2.3.")]
    [InlineData("1.2.3.1000")]
    [InlineData("a.b.c.d")]
    public void TryParseIpv4_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ChfText.TryParseIpv4(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("1::")]
    [InlineData("2001:db8:7b98:34f1::1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("1:2:3:4:5:6:7::")]
    [InlineData("::2:3:4:5:6:7:8")]
    [InlineData("1:0:0:0:0:0:0:8")]
    [InlineData("fe80::")]
    public void TryParseIpv6_TextForm_MatchesIpAddress(string text)
    {
        Assert.True(ChfText.TryParseIpv6(Encoding.ASCII.GetBytes(text), out var address));
        Assert.Equal(IPAddress.Parse(text), ChfExpectations.ToIpAddress(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:2")]
    [InlineData("1::2::3")]
    [InlineData(":1::2")]
    [InlineData("1::2:")]
    [InlineData("12345::1")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("::1:2:3:4:5:6:7:8")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::/64")]
    [InlineData("g::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff0")]
    public void TryParseIpv6_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ChfText.TryParseIpv6(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("00a1b2", 6, 0xa1b2UL)]
    [InlineData("FFFF", 4, 0xFFFFUL)]
    [InlineData("12345678a", 9, 0x12345678aUL)]
    [InlineData("aBcDeF0", 7, 0xabcdef0UL)]
    public void TryParseHex_ExactLength_ParsesMostSignificantFirst(string text, int digits, ulong expected)
    {
        Assert.True(ChfText.TryParseHex(Encoding.ASCII.GetBytes(text), digits, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("00a1b", 6)]
    [InlineData("00a1b2c", 6)]
    [InlineData("00a1g2", 6)]
    [InlineData("-0a1b2", 6)]
    [InlineData("", 0)]
    public void TryParseHex_WrongLengthOrDigit_ReturnsFalse(string text, int digits)
    {
        Assert.False(ChfText.TryParseHex(Encoding.ASCII.GetBytes(text), digits == 0 ? 4 : digits, out _));
    }

    [Theory]
    [InlineData("+02:00+1", 120, 1)]
    [InlineData("-04:00+1", -240, 1)]
    [InlineData("+08:00", 480, 0)]
    [InlineData("+05:45", 345, 0)]
    [InlineData("-00:30+2", -30, 2)]
    [InlineData("+00:00", 0, 0)]
    public void UeTimeZone_TextForm_RoundTrips(string text, int minutes, int dst)
    {
        Assert.True(UeTimeZone.TryParse(Encoding.ASCII.GetBytes(text), out var zone));
        Assert.Equal(new UeTimeZone((short)minutes, (byte)dst, true), zone);
        Assert.Equal(text, zone.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Z")]
    [InlineData("02:00")]
    [InlineData("+2:00")]
    [InlineData("+24:00")]
    [InlineData("+02:60")]
    [InlineData("+02:00+0")]
    [InlineData("+02:00+3")]
    [InlineData("+02:00-1")]
    [InlineData("+02:00+")]
    [InlineData("+02-00")]
    public void UeTimeZone_Malformed_ReturnsFalse(string text)
    {
        Assert.False(UeTimeZone.TryParse(Encoding.ASCII.GetBytes(text), out var zone));
        Assert.False(zone.IsPresent);
        Assert.Equal("", zone.ToString());
    }
}
