using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>Why a JSON request body was not accepted.</summary>
internal enum JsonBodyProblem
{
    None,

    /// <summary>Not JSON: the detail names the line and byte.</summary>
    Malformed,

    /// <summary>Objects or arrays nested deeper than ImeiGuard:ControlPlane:MaxJsonDepth.</summary>
    TooDeep,

    /// <summary>Kestrel refused the body (over its size limit, or arriving below the minimum data rate); the status is Kestrel's.</summary>
    Refused,
}

/// <summary>A request body read whole, or why it was not.</summary>
internal readonly record struct JsonBody(ReadOnlyMemory<byte> Utf8, JsonBodyProblem Problem, string Detail, int Status);

/// <summary>
/// Reads a JSON request body (at most Kestrel's body limit, 1 MiB by default) and checks its syntax and nesting before
/// any deserializer sees it, so a hostile body is refused with a precise reason and counted, whatever the endpoint
/// would have done with it.
/// </summary>
internal static class BoundedJsonBody
{
    public static async Task<JsonBody> ReadAsync(HttpRequest request)
    {
        var maxDepth = request.HttpContext.RequestServices.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.MaxJsonDepth;
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            AbuseMetrics.BodyRejected.Inc();
            var detail = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is larger than this endpoint accepts" : "The body could not be read: " + ex.Message;
            return new JsonBody(default, JsonBodyProblem.Refused, detail, ex.StatusCode);
        }

        var utf8 = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        var (problem, text) = Check(utf8.Span, maxDepth);
        switch (problem)
        {
            case JsonBodyProblem.TooDeep:
                AbuseMetrics.JsonTooDeep.Inc();
                break;
            case JsonBodyProblem.Malformed:
                AbuseMetrics.JsonMalformed.Inc();
                break;
        }

        return new JsonBody(utf8, problem, text, StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// One forward pass over the tokens. The reader's own limit is one above ours so that nesting is reported by this
    /// check (as too deep) rather than by the reader (as a syntax error); a container's nesting level is its
    /// CurrentDepth + 1, the same count JsonSerializerOptions.MaxDepth uses.
    /// </summary>
    internal static (JsonBodyProblem Problem, string Detail) Check(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return (JsonBodyProblem.TooDeep, $"The body nests objects and arrays deeper than {maxDepth} levels");
                }
            }
        }
        catch (JsonException ex)
        {
            return (JsonBodyProblem.Malformed, $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        return (JsonBodyProblem.None, string.Empty);
    }
}
