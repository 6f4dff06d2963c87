using System.Globalization;
using ImeiGuard.Daemon.Camara;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// The one 429 answer of the lockout and the rate limits: Retry-After in whole seconds, then the CAMARA ErrorInfo on
/// CAMARA routes (their clients parse nothing else) and the API envelope everywhere else.
/// </summary>
internal static class TooManyRequests
{
    public static Task WriteAsync(HttpContext context, TimeSpan? retryAfter, string code, string message)
    {
        if (retryAfter is { } wait)
        {
            // Rounded up and at least 1: "Retry-After: 0" would invite an immediate retry that is refused again.
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<CamaraEndpointMetadata>() is not null
            ? CamaraError.WriteAsync(context, StatusCodes.Status429TooManyRequests, CamaraError.TooManyRequests, CamaraError.TooManyRequestsMessage)
            : Envelope.Error(StatusCodes.Status429TooManyRequests, code, message).ExecuteAsync(context);
    }
}
