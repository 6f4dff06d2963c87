using System.Threading.RateLimiting;
using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.Camara;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// The subscriber API's per-caller rate limit, and the one rejection answer of every rate-limit policy (the CAMARA
/// policy included: the rate limiter has a single OnRejected). The limiter runs after authorization, so every request
/// it sees has a caller: the budget is per API key name or token subject, not per address.
/// </summary>
internal static class SubscriberApiRateLimit
{
    public const string Policy = "subscriber-api";
    public const string Message = "Too many requests from this caller; retry after the time in Retry-After";

    public static IServiceCollection AddSubscriberApiRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(static limiter =>
        {
            limiter.AddPolicy(Policy, static context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.RateLimit;
                return options.Enabled
                    ? RateLimitPartition.GetFixedWindowLimiter(CallerOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.Permits,
                        Window = options.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty);
            });
            limiter.OnRejected = static (rejected, _) => new ValueTask(RejectAsync(rejected));
        });

    private static Task RejectAsync(OnRejectedContext rejected)
    {
        var camara = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CamaraEndpointMetadata>() is not null;
        (camara ? AbuseMetrics.CamaraRateLimited : AbuseMetrics.RateLimited).Inc();
        TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
        return TooManyRequests.WriteAsync(rejected.HttpContext, retryAfter, LockApiErrors.RateLimited, Message);
    }

    /// <summary>The scheme is part of the key, so an API key and a token subject with the same name keep separate budgets.</summary>
    private static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } identity ? $"{identity.AuthenticationType}/{name}" : "anonymous";
}
