using System.Text.Json;
using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// Every way the CAMARA Device object (and a 3-legged token) names a SIM finds that SIM: an IMEIBIND bind through the
/// identifier locks exactly the SIM whose radclient session shows the device, as the subscriber API confirms.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class DeviceIdentificationTests(CamaraHost host)
{
    private const string Imeisv = "8644610320772414";
    private const string Imei = "864461032077249";

    [Theory]
    [InlineData("phoneNumber")]
    [InlineData("networkAccessIdentifier")]
    [InlineData("networkAccessIdentifierRootForm")]
    [InlineData("ipv4PublicAddressAndPort")]
    [InlineData("ipv4PrivateAddressBehindNat")]
    [InlineData("ipv6Address")]
    public async Task Bind_ByIdentifier_LocksTheSimWhoseSessionShowsTheDevice(string identifier)
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, Imeisv);
        var device = identifier switch
        {
            "phoneNumber" => CamaraRequests.Phone(sim),
            "networkAccessIdentifier" => $$"""{"networkAccessIdentifier":"{{sim.Imsi}}@iot.example.com"}""",
            "networkAccessIdentifierRootForm" => $$"""{"networkAccessIdentifier":"0{{sim.Imsi}}@nai.epc.mnc001.mcc262.3gppnetwork.org"}""",
            "ipv4PublicAddressAndPort" => $$$"""{"ipv4Address":{"publicAddress":"{{{sim.Ipv4}}}","publicPort":59765}}""",
            "ipv4PrivateAddressBehindNat" => $$$"""{"ipv4Address":{"publicAddress":"203.0.113.1","privateAddress":"{{{sim.Ipv4}}}"}}""",
            _ => $$"""{"ipv6Address":"{{sim.Ipv6Address}}"}""",
        };

        var response = await CamaraRequests.SendAsync(host.Client(CamaraKeys.Operator), CamaraOperation.Bind, device);

        response.AssertOk();
        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        var binding = await ControlPlaneClient.GetBindingAsync(host.Client(CamaraKeys.Operator), "imsi", sim.Imsi);
        Assert.Equal(("LOCKED", Imei), (binding.GetProperty("lockState").GetString(), binding.GetProperty("boundImei").GetString()));
    }

    [Theory]
    [InlineData(CamaraKeys.AcmeDevice)]
    [InlineData(CamaraKeys.AcmeDeviceByImsi)]
    public async Task Query_ThreeLeggedTokenWithoutDevice_AnswersForTheTokensDevice(string key)
    {
        var response = await CamaraResponse.PostAsync(host.Client(key), CamaraResponse.FraudPrevention + "/query", new { queryType = "AREALIMIT" });

        response.AssertOk();
        Assert.Equal("UNRESTRICTED", response.Body.GetProperty("areaLimit").GetProperty("areaLimitStatus").GetString());
        Assert.False(response.Body.TryGetProperty("imeiBind", out _));
    }

    [Fact]
    public async Task Bind_PhoneNumberAndAddressOfOneSim_AreConsistent()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, Imeisv);

        var response = await CamaraRequests.SendAsync(host.Client(CamaraKeys.Operator), CamaraOperation.Bind,
            $$"""{"phoneNumber":"{{sim.Phone}}","ipv6Address":"{{sim.Ipv6Address}}"}""");

        response.AssertOk();
        Assert.Equal(JsonValueKind.True, response.Body.GetProperty("bound").ValueKind);
    }
}
