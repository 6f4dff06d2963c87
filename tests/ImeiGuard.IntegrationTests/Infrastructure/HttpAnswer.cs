using System.Net.Http.Headers;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>One raw answer: status, Retry-After and a JSON body in either shape (API envelope or CAMARA ErrorInfo); other bodies are not kept.</summary>
internal sealed record HttpAnswer(int Status, double? RetryAfterSeconds, JsonElement Body)
{
    /// <summary>The envelope's errorCode or the CAMARA code.</summary>
    public string? Code => Body.ValueKind == JsonValueKind.Object
        ? (Body.TryGetProperty("errorCode", out var code) ? code : Body.GetProperty("code")).GetString()
        : null;

    public string? Message => Body.ValueKind == JsonValueKind.Object
        ? (Body.TryGetProperty("errorMessage", out var message) ? message : Body.GetProperty("message")).GetString()
        : null;

    public static async Task<HttpAnswer> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpAnswer((int)response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds,
            response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    public static Task<HttpAnswer> GetAsync(HttpClient http, string path, string? bearer) => SendAsync(http, HttpMethod.Get, path, bearer);
}
