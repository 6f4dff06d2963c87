using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.ControlPlane.Hardening;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Reads a JSON request body whatever its Content-Type (curl -d sends form encoding by default).</summary>
internal static class RequestBodies
{
    /// <summary>
    /// The body, or the answer why not: 400 GLOBAL_1002 naming the syntax error's position or <paramref name="example"/>
    /// for a body of another shape, 400 SIMLOCK_1016 for nesting beyond the limit, Kestrel's status (413, 408) for a
    /// body it refused.
    /// </summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, string example)
    {
        var body = await BoundedJsonBody.ReadAsync(http.Request);
        switch (body.Problem)
        {
            case JsonBodyProblem.TooDeep:
                return (default, Envelope.Error(body.Status, LockApiErrors.JsonTooDeep, body.Detail));
            case JsonBodyProblem.Malformed or JsonBodyProblem.Refused:
                return (default, Envelope.Error(body.Status, LockApiErrors.InvalidBody, $"{body.Detail}; expected JSON like {example}"));
        }

        try
        {
            return (JsonSerializer.Deserialize(body.Utf8.Span, type), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            AbuseMetrics.JsonMalformed.Inc();
            return (default, Envelope.Error(400, LockApiErrors.InvalidBody, "The body must be JSON like " + example));
        }
    }
}
