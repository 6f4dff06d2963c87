using System.Net.Http.Json;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>One control-plane answer: status and envelope, comparable as a whole.</summary>
internal sealed record ApiAnswer(int Status, JsonElement Body)
{
    public string? ErrorCode => Body.GetProperty("errorCode").GetString();

    public JsonElement Content => Body.GetProperty("content");

    public JsonElement First => Content[0];

    public long TotalElements => Body.GetProperty("pageable").GetProperty("totalElements").GetInt64();

    /// <summary>Status, error code, message, content and paging as one string, for "answers exactly alike" checks.</summary>
    public string Shape => $"{Status} {Body.GetRawText()}";

    public static async Task<ApiAnswer> SendAsync(HttpClient http, HttpMethod method, string path, object? json = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (json is null ? null : JsonContent.Create(json)) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<ApiAnswer> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);
}
