using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>The four CAMARA operations that take a Device object, for scenarios every one of them must pass.</summary>
public enum CamaraOperation
{
    Bind,
    Unbind,
    Query,
    Subscribe,
}

/// <summary>Requests of each <see cref="CamaraOperation"/> with a given Device object (or none).</summary>
internal static class CamaraRequests
{
    public static string PathOf(CamaraOperation operation) => operation switch
    {
        CamaraOperation.Bind => CamaraResponse.FraudPrevention + "/bind",
        CamaraOperation.Unbind => CamaraResponse.FraudPrevention + "/unbind",
        CamaraOperation.Query => CamaraResponse.FraudPrevention + "/query",
        _ => CamaraResponse.Subscriptions,
    };

    /// <summary>A valid body of <paramref name="operation"/> about <paramref name="device"/> (JSON text, or null for no device).</summary>
    public static Dictionary<string, object> BodyOf(CamaraOperation operation, string? device, string sink = "https://127.0.0.1:9/unused")
    {
        var body = new Dictionary<string, object>();
        JsonElement? element = device is null ? null : JsonDocument.Parse(device).RootElement.Clone();
        switch (operation)
        {
            case CamaraOperation.Subscribe:
                body["protocol"] = "HTTP";
                body["sink"] = sink;
                body["types"] = new[] { "org.camaraproject.iot-sim-fraud-prevention.v0.imei-change" };
                body["config"] = new Dictionary<string, object>
                {
                    ["subscriptionDetail"] = element is { } d ? new Dictionary<string, object> { ["device"] = d } : new Dictionary<string, object>(),
                };
                return body;
            case CamaraOperation.Bind:
                body["bindType"] = "IMEIBIND";
                break;
            case CamaraOperation.Unbind:
                body["unBindType"] = "IMEIBIND";
                break;
            default:
                body["queryType"] = "IMEIBIND";
                break;
        }

        if (element is { } e)
        {
            body["device"] = e;
        }

        return body;
    }

    public static Task<CamaraResponse> SendAsync(HttpClient client, CamaraOperation operation, string? device) =>
        CamaraResponse.PostAsync(client, PathOf(operation), BodyOf(operation, device));

    public static string Phone(Sim sim) => $$"""{"phoneNumber":"{{sim.Phone}}"}""";

    /// <summary>The SIM's imeiBind (IMEIBIND) or areaLimit (AREALIMIT) as POST /query answers it, by phone number.</summary>
    public static async Task<JsonElement> QueryAsync(HttpClient client, Sim sim, string type)
    {
        var response = await CamaraResponse.PostAsync(client, CamaraResponse.FraudPrevention + "/query", new { device = new { phoneNumber = sim.Phone }, queryType = type });
        response.AssertOk();
        return response.Body.GetProperty(type == "IMEIBIND" ? "imeiBind" : "areaLimit");
    }
}
