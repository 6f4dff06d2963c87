using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>An answer of a CAMARA endpoint: status, JSON body (Undefined when empty) and headers.</summary>
internal sealed record CamaraResponse(int Status, JsonElement Body, HttpResponseHeaders Headers)
{
    public const string FraudPrevention = "/iot-sim-fraud-prevention/v0.1";
    public const string Subscriptions = "/iot-sim-fraud-prevention-subscriptions/v0.1/subscriptions";

    /// <summary>POSTs <paramref name="body"/> as JSON (a string is sent as it is).</summary>
    public static Task<CamaraResponse> PostAsync(HttpClient client, string path, object body, string? correlator = null) =>
        SendAsync(client, HttpMethod.Post, path, body, correlator);

    public static async Task<CamaraResponse> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? correlator = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body),
        };
        if (correlator is not null)
        {
            request.Headers.TryAddWithoutValidation("x-correlator", correlator);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new CamaraResponse((int)response.StatusCode, json, response.Headers);
    }

    /// <summary>Asserts a CAMARA ErrorInfo answer: the HTTP status, and status, code and message in the body.</summary>
    public void AssertError(int status, string code, string message)
    {
        Assert.Equal(status, Status);
        Assert.Equal(status, Body.GetProperty("status").GetInt32());
        Assert.Equal(code, Body.GetProperty("code").GetString());
        Assert.Equal(message, Body.GetProperty("message").GetString());
    }

    public void AssertOk()
    {
        Assert.True(Status == 200, $"HTTP {Status}: {Body}");
    }
}
