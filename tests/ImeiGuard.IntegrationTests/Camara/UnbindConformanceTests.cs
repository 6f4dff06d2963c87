using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.BindConformanceTests;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>POST /unbind: removing one facet keeps the other; unbinding what is not bound is 422; the type's 400s.</summary>
[Collection(CamaraCollection.Name)]
public sealed class UnbindConformanceTests(CamaraHost host)
{
    private const string Bind = CamaraResponse.FraudPrevention + "/bind";
    private const string Unbind = CamaraResponse.FraudPrevention + "/unbind";

    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Fact]
    public async Task Unbind_ImeiBind_StopsEnforcement()
    {
        var sim = await BoundSimAsync("IMEIBIND");

        var response = await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = sim.Phone }, unBindType = "IMEIBIND" });

        response.AssertOk();
        Assert.True(response.Body.GetProperty("unbound").GetBoolean());
        Assert.Equal("UNBOUND", (await CamaraRequests.QueryAsync(Operator, sim, "IMEIBIND")).GetProperty("bindStatus").GetString());
        Assert.Equal("DISABLED", (await ControlPlaneClient.GetBindingAsync(Operator, "imsi", sim.Imsi)).GetProperty("lockState").GetString());
    }

    [Fact]
    public async Task Unbind_AreaLimitOfSimBoundToBoth_KeepsTheImeiBinding()
    {
        var sim = await BoundSimAsync("IMEIBIND", "AREALIMIT");

        (await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = sim.Phone }, unBindType = "AREALIMIT" })).AssertOk();

        Assert.Equal("UNRESTRICTED", (await CamaraRequests.QueryAsync(Operator, sim, "AREALIMIT")).GetProperty("areaLimitStatus").GetString());
        Assert.Equal(("BOUND", ImeiA), Bound(await CamaraRequests.QueryAsync(Operator, sim, "IMEIBIND")));
    }

    [Fact]
    public async Task Unbind_ImeiBindOfSimBoundToBoth_KeepsTheAreaAndAllowsAnyDevice()
    {
        var sim = await BoundSimAsync("IMEIBIND", "AREALIMIT");

        (await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = sim.Phone }, unBindType = "IMEIBIND" })).AssertOk();

        Assert.Equal("UNBOUND", (await CamaraRequests.QueryAsync(Operator, sim, "IMEIBIND")).GetProperty("bindStatus").GetString());
        Assert.Equal("RESTRICTED", (await CamaraRequests.QueryAsync(Operator, sim, "AREALIMIT")).GetProperty("areaLimitStatus").GetString());
        // Another device in the same cell is no violation any more.
        await host.StartSessionAsync(sim, DeviceB, "S-2");
        var binding = await ControlPlaneClient.GetBindingAsync(Operator, "imsi", sim.Imsi);
        Assert.NotEqual("VIOLATED", binding.GetProperty("lockState").GetString());
        Assert.True(binding.GetProperty("rules").GetProperty("anyDevice").GetBoolean());
    }

    [Fact]
    public async Task Unbind_ImeiBindThatIsNotBound_422UnnecessaryUnbindImei()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = sim.Phone }, unBindType = "IMEIBIND" });

        response.AssertError(422, "UNNECESSARY_UNBIND_IMEI", "The current device imei has been unbound");
    }

    [Fact]
    public async Task Unbind_AreaLimitThatIsNotSet_422UnnecessaryUnbindAreaLimit()
    {
        var sim = await BoundSimAsync("IMEIBIND");

        var response = await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = sim.Phone }, unBindType = "AREALIMIT" });

        response.AssertError(422, "UNNECESSARY_UNBIND_AREALIMIT", "The current device area limit has been unbound");
    }

    [Fact]
    public async Task Unbind_WithoutUnbindType_400UnbindTypeMustBeSpecified() =>
        (await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = "+4917000000000" } }))
            .AssertError(400, "INVALID_ARGUMENT", "UnbindType must be specified");

    [Fact]
    public async Task Unbind_UnknownUnbindType_400InvalidUnbindTypeValue() =>
        (await CamaraResponse.PostAsync(Operator, Unbind, new { device = new { phoneNumber = "+4917000000000" }, unBindType = "ALL" }))
            .AssertError(400, "INVALID_ARGUMENT", "The value of unbindType can only be IMEIBIND,AREALIMIT");

    private static (string?, string?) Bound(System.Text.Json.JsonElement imeiBind) =>
        (imeiBind.GetProperty("bindStatus").GetString(), imeiBind.GetProperty("bindImei").GetString());

    /// <summary>A SIM in device A in the known cell, bound with each of <paramref name="types"/>.</summary>
    private async Task<Sim> BoundSimAsync(params string[] types)
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        foreach (var type in types)
        {
            var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = type });
            Assert.True(response.Body.GetProperty("bound").GetBoolean(), type);
        }

        return sim;
    }
}
