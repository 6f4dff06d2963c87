using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>POST /bind: the spec's scenarios and ImeiGuard's mapping (docs/camara.md), through the real daemon.</summary>
[Collection(CamaraCollection.Name)]
public sealed class BindConformanceTests(CamaraHost host)
{
    internal const string DeviceA = "8644610320772414", ImeiA = "86-446103-207724-9";
    internal const string DeviceB = "3534900661012848", ImeiB = "35-349006-610128-4";
    private const string Bind = CamaraResponse.FraudPrevention + "/bind";

    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Fact]
    public async Task Bind_ImeiBindWhileTheNetworkSeesADevice_LocksToThatDevice()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" });

        response.AssertOk();
        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        var query = await QueryAsync(sim, "IMEIBIND");
        Assert.Equal(("BOUND", ImeiA), (query.GetProperty("bindStatus").GetString(), query.GetProperty("bindImei").GetString()));
    }

    [Fact]
    public async Task Bind_ImeiBindWithNoDeviceSeenYet_ArmsAndPairsTheFirstDeviceSeen()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" });

        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        var armed = await QueryAsync(sim, "IMEIBIND");
        Assert.Equal("BOUND", armed.GetProperty("bindStatus").GetString());
        Assert.False(armed.TryGetProperty("bindImei", out _));
        await host.StartSessionAsync(sim, DeviceB);
        await ControlPlaneClient.WaitForStateAsync(Operator, sim.Imsi, "LOCKED");
        Assert.Equal(ImeiB, (await QueryAsync(sim, "IMEIBIND")).GetProperty("bindImei").GetString());
    }

    [Fact]
    public async Task Bind_ExplicitImeiExtension_LocksToThatDeviceWhateverTheNetworkSees()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND", imei = ImeiB });

        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        Assert.Equal(ImeiB, (await QueryAsync(sim, "IMEIBIND")).GetProperty("bindImei").GetString());
    }

    [Fact]
    public async Task Bind_ImeiBindAgainForTheSameDevice_IsBoundAndChangesNothing()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" });

        var again = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" });

        Assert.True(again.Body.GetProperty("bound").GetBoolean());
        Assert.Equal(ImeiA, (await QueryAsync(sim, "IMEIBIND")).GetProperty("bindImei").GetString());
    }

    [Fact]
    public async Task Bind_ImeiBindToAnotherDeviceThanTheBoundOne_AnswersBoundFalse()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" });

        var other = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND", imei = ImeiB });

        other.AssertOk();
        Assert.False(other.Body.GetProperty("bound").GetBoolean());
        Assert.Equal(ImeiA, (await QueryAsync(sim, "IMEIBIND")).GetProperty("bindImei").GetString());
    }

    [Fact]
    public async Task Bind_AreaLimitWhileInAKnownCell_RestrictsToACircleAroundTheCell()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "AREALIMIT" });

        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        var limit = await QueryAsync(sim, "AREALIMIT");
        Assert.Equal("RESTRICTED", limit.GetProperty("areaLimitStatus").GetString());
        var area = limit.GetProperty("limitArea");
        Assert.Equal("CIRCLE", area.GetProperty("areaType").GetString());
        Assert.Equal(CamaraHost.CellLatitude, area.GetProperty("center").GetProperty("latitude").GetDouble());
        Assert.Equal(CamaraHost.CellLongitude, area.GetProperty("center").GetProperty("longitude").GetDouble());
        Assert.Equal(10_000, area.GetProperty("radius").GetInt32());
        Assert.Equal("UNBOUND", (await QueryAsync(sim, "IMEIBIND")).GetProperty("bindStatus").GetString());
    }

    [Fact]
    public async Task Bind_AreaLimitExtensionArea_RestrictsToThatCircle()
    {
        var sim = await host.RegisteredSimAsync(null);
        var area = new { areaType = "CIRCLE", center = new { latitude = 50.735851, longitude = 7.10066 }, radius = 50_000 };

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "AREALIMIT", area });

        Assert.True(response.Body.GetProperty("bound").GetBoolean());
        var limit = (await QueryAsync(sim, "AREALIMIT")).GetProperty("limitArea");
        Assert.Equal((50.735851, 7.10066, 50_000), (limit.GetProperty("center").GetProperty("latitude").GetDouble(), limit.GetProperty("center").GetProperty("longitude").GetDouble(), limit.GetProperty("radius").GetInt32()));
    }

    [Fact]
    public async Task Bind_AreaLimitWithNoLocationKnown_AnswersBoundFalse()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = sim.Phone }, bindType = "AREALIMIT" });

        response.AssertOk();
        Assert.False(response.Body.GetProperty("bound").GetBoolean());
        Assert.Equal("UNRESTRICTED", (await QueryAsync(sim, "AREALIMIT")).GetProperty("areaLimitStatus").GetString());
    }

    [Fact]
    public async Task Bind_WithoutBindType_400BindTypeMustBeSpecified() =>
        (await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = "+4917000000000" } }))
            .AssertError(400, "INVALID_ARGUMENT", "BindType must be specified");

    [Fact]
    public async Task Bind_UnknownBindType_400InvalidBindTypeValue() =>
        (await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = "+4917000000000" }, bindType = "SIMBIND" }))
            .AssertError(400, "INVALID_ARGUMENT", "The value of bindType can only be IMEIBIND,AREALIMIT");

    [Fact]
    public async Task Bind_BodyNotJson_400InvalidArgument() =>
        (await CamaraResponse.PostAsync(Operator, Bind, "bindType=IMEIBIND"))
            .AssertError(400, "INVALID_ARGUMENT", "Client specified an invalid argument, request body or query param.");

    [Fact]
    public async Task Bind_ImeiExtensionNotAnImei_400InvalidFormatImei() =>
        (await CamaraResponse.PostAsync(Operator, Bind, new { device = new { phoneNumber = "+4917000000000" }, bindType = "IMEIBIND", imei = "35-2099" }))
            .AssertError(400, "INVALID_ARGUMENT", "Invalid format: imei");

    [Fact]
    public async Task Bind_AreaExtensionRadiusOutOfRange_400InvalidValueArea() =>
        (await CamaraResponse.PostAsync(Operator, Bind, new
        {
            device = new { phoneNumber = "+4917000000000" },
            bindType = "AREALIMIT",
            area = new { areaType = "CIRCLE", center = new { latitude = 50.7, longitude = 7.1 }, radius = 300_000 },
        })).AssertError(400, "INVALID_ARGUMENT", "Invalid value: area");

    private Task<System.Text.Json.JsonElement> QueryAsync(Sim sim, string type) => CamaraRequests.QueryAsync(Operator, sim, type);
}
