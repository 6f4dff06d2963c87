using System.Text.Json;
using ImeiGuard.Daemon.ControlPlane.Hardening;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Reads a CAMARA request body as one JSON object, whatever the Content-Type (as the subscriber API does).</summary>
internal static class CamaraBody
{
    /// <summary>The body's root object, or null when the body is empty, not JSON or not an object.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request)
    {
        // Syntax and nesting are checked (and counted) by the control plane's bounded reader first.
        var body = await BoundedJsonBody.ReadAsync(request);
        if (body.Problem != JsonBodyProblem.None)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body.Utf8);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
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
