using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImeiGuard.Core.Operations;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Reads a JSON request body whatever its Content-Type (curl -d sends form encoding by default).</summary>
internal static class RequestBodies
{
    /// <summary>The body, or the 400 GLOBAL_1002 answer naming <paramref name="example"/> when it is not JSON of that shape.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, string example)
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (default, Envelope.Error(400, LockApiErrors.InvalidBody, "The body must be JSON like " + example));
        }
    }
}
