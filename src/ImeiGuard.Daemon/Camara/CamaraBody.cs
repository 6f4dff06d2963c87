using System.Text.Json;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Reads a CAMARA request body as one JSON object, whatever the Content-Type (as the subscriber API does).</summary>
internal static class CamaraBody
{
    /// <summary>The body's root object, or null when the body is empty, not JSON or not an object.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The Device object at <paramref name="name"/>: null when absent; false with the 400 answer when invalid.</summary>
    public static bool TryReadDevice(JsonElement parent, string name, out ParsedDevice? device, out IResult? error)
    {
        device = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (DeviceReader.TryRead(element, out device, out var problem))
        {
            return true;
        }

        error = CamaraError.BadRequest(problem);
        return false;
    }
}
