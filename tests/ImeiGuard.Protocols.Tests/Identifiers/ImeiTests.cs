using System.Text;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Tests.Identifiers;

public sealed class ImeiTests
{
    [Theory]
    [InlineData("26053179311383", 7)]
    [InlineData("35209900176148", 1)]
    [InlineData("49015420323751", 8)]
    public void CheckDigit_TS23003Examples_MatchLuhn(string fourteen, int expected)
    {
        Assert.True(Imei.TryParse(Encoding.ASCII.GetBytes(fourteen), out var imei));
        Assert.Equal(expected, imei.CheckDigit);
    }

    [Fact]
    public void TryParse_ImeiAndImeisvOfSameDevice_CompareEqual()
    {
        Assert.True(Imei.TryParse("353490069873301"u8, out var imei));
        Assert.True(Imei.TryParse("3534900698733012"u8, out var imeisv));
        Assert.True(Imei.TryParse("35349006987330"u8, out var bare));
        Assert.Equal(imei, imeisv);
        Assert.Equal(imei, bare);
        Assert.Equal(35349006u, imei.Tac);
        Assert.Equal("35349006987330", imei.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567890123")]
    [InlineData("12345678901234567")]
    [InlineData("3534900698733a12")]
    public void TryParse_BadInput_ReturnsFalse(string text)
    {
        Assert.False(Imei.TryParse(Encoding.ASCII.GetBytes(text), out var imei));
        Assert.True(imei.IsEmpty);
    }

    [Fact]
    public void Imsi_LeadingZeros_SurviveRoundTrip()
    {
        Assert.True(Imsi.TryParse("001010000000001"u8, out var imsi));
        Assert.Equal("001010000000001", imsi.ToString());
        Assert.Equal(imsi, Imsi.FromPacked(imsi.Packed));
        Assert.True(Imsi.TryParse("01010000000001"u8, out var shorter));
        Assert.NotEqual(imsi, shorter);
    }

    [Theory]
    [InlineData("26201", "262-01")]
    [InlineData("310410", "310-410")]
    [InlineData("001-01", "001-01")]
    public void PlmnId_TryParse_KeepsMncDigits(string text, string expected)
    {
        Assert.True(PlmnId.TryParse(text, out var plmn));
        Assert.Equal(expected, plmn.ToString());
    }
}
