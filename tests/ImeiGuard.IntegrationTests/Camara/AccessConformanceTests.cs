using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// Authentication, scopes and the x-correlator header on every CAMARA endpoint (CAMARA-shaped 401 and 403, never the
/// subscriber API's envelope), both API paths, and the served OpenAPI documents.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class AccessConformanceTests(CamaraHost host)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", CamaraResponse.FraudPrevention + "/bind" },
        { "POST", CamaraResponse.FraudPrevention + "/unbind" },
        { "POST", CamaraResponse.FraudPrevention + "/query" },
        { "POST", CamaraResponse.Subscriptions },
        { "GET", CamaraResponse.Subscriptions },
        { "GET", CamaraResponse.Subscriptions + "/any-id" },
        { "DELETE", CamaraResponse.Subscriptions + "/any-id" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutCredentials_401Unauthenticated(string method, string path)
    {
        var response = await CamaraResponse.SendAsync(host.Client(null), new HttpMethod(method), path, "{}", correlator: "c-401");

        response.AssertError(401, "UNAUTHENTICATED", "Request not authenticated due to missing, invalid, or expired credentials.");
        Assert.Equal("c-401", Assert.Single(response.Headers.GetValues("x-correlator")));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_UnknownKey_401Unauthenticated(string method, string path) =>
        (await CamaraResponse.SendAsync(host.Client("igk_not_a_configured_key_0000"), new HttpMethod(method), path, "{}"))
            .AssertError(401, "UNAUTHENTICATED", "Request not authenticated due to missing, invalid, or expired credentials.");

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_KeyWithoutItsScope_403PermissionDenied(string method, string path) =>
        (await CamaraResponse.SendAsync(host.Client(CamaraKeys.NoCamaraScope), new HttpMethod(method), path, "{}"))
            .AssertError(403, "PERMISSION_DENIED", "Client does not have sufficient permissions to perform this action.");

    [Fact]
    public async Task Query_WithCorrelator_EchoesIt()
    {
        var sim = await host.RegisteredSimAsync(null);
        const string correlator = "123e4567-e89b-12d3-a456-426614174000:a/b<c>{d};e_f.g";

        var response = await CamaraResponse.PostAsync(host.Client(CamaraKeys.Operator), CamaraResponse.FraudPrevention + "/query",
            new { device = new { phoneNumber = sim.Phone }, queryType = "IMEIBIND" }, correlator);

        response.AssertOk();
        Assert.Equal(correlator, Assert.Single(response.Headers.GetValues("x-correlator")));
    }

    [Fact]
    public async Task Query_CorrelatorOutsideThePattern_400InvalidArgument() =>
        (await CamaraResponse.PostAsync(host.Client(CamaraKeys.Operator), CamaraResponse.FraudPrevention + "/query", new { queryType = "IMEIBIND" }, "not allowed!"))
            .AssertError(400, "INVALID_ARGUMENT", "Invalid format: x-correlator");

    [Fact]
    public async Task Query_SpecServerPathVwip_AnswersAsV01()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(host.Client(CamaraKeys.Operator), "/iot-sim-fraud-prevention/vwip/query", new { device = new { phoneNumber = sim.Phone }, queryType = "IMEIBIND" });

        response.AssertOk();
        Assert.Equal("UNBOUND", response.Body.GetProperty("imeiBind").GetProperty("bindStatus").GetString());
        Assert.Equal(200, (await CamaraResponse.SendAsync(host.Client(CamaraKeys.Operator), HttpMethod.Get, "/iot-sim-fraud-prevention-subscriptions/vwip/subscriptions")).Status);
    }

    [Fact]
    public async Task SubscriberApi_WithoutCredentials_KeepsItsEnvelope()
    {
        using var response = await host.Client(null).GetAsync("/api/v2/enforcement/commands");
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("GLOBAL_1003", body.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("iot-sim-fraud-prevention.yaml")]
    [InlineData("iot-sim-fraud-prevention-subscriptions.yaml")]
    public async Task OpenApi_ServedDocument_IsTheSpecVerbatim(string name)
    {
        var served = await host.Client(null).GetByteArrayAsync("/openapi/" + name);

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "..", "shared", "specs", "camara", name)), served);
    }
}
