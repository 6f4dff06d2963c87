using System.Text;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

public sealed class ChfPathsTests
{
    [Theory]
    [InlineData("/nchf-convergedcharging/v3/chargingdata", ChfRequestKind.Create, "")]
    [InlineData("/nchf-convergedcharging/v2/chargingdata", ChfRequestKind.Create, "")]
    [InlineData("https://chf.example.net:8443/nchf-convergedcharging/v3/chargingdata", ChfRequestKind.Create, "")]
    [InlineData("/operator/5gc/nchf-convergedcharging/v3/chargingdata?x=1", ChfRequestKind.Create, "")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/875301876024/update", ChfRequestKind.Update, "875301876024")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/abc-DEF_1/release", ChfRequestKind.Release, "abc-DEF_1")]
    [InlineData("http://10.0.0.1/nchf-convergedcharging/v2/chargingdata/r%2F1/release#frag", ChfRequestKind.Release, "r%2F1")]
    public void TryClassify_ChargingDataPath_ReturnsKindAndReference(string path, ChfRequestKind kind, string reference)
    {
        Assert.True(ChfPaths.TryClassify(Encoding.ASCII.GetBytes(path), out var actualKind, out var actualReference));
        Assert.Equal(kind, actualKind);
        Assert.Equal(reference, Encoding.ASCII.GetString(actualReference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/nchf-convergedcharging/v1/chargingdata")]
    [InlineData("/nchf-convergedcharging/v4/chargingdata")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/")]
    [InlineData("/nchf-convergedcharging/v3/chargingdatax")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata//update")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/123")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/123/")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/123/notify")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/123/update/more")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/1/2/update")]
    [InlineData("/nchf-convergedcharging/v3/chargingdata/123/UPDATE")]
    [InlineData("/nchf-convergedcharging/v3/")]
    [InlineData("/nchf-offlineonlycharging/v1/offlinechargingdata")]
    [InlineData("/nchf-spendinglimitcontrol/v1/subscriptions")]
    public void TryClassify_OtherPath_ReturnsFalse(string path)
    {
        Assert.False(ChfPaths.TryClassify(Encoding.ASCII.GetBytes(path), out var kind, out var reference));
        Assert.Equal(ChfRequestKind.Unknown, kind);
        Assert.True(reference.IsEmpty);
    }
}
