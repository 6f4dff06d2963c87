using System.Threading.RateLimiting;
using ImeiGuard.Core.Camara;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Oss.CloudEvents;
using ImeiGuard.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Registers the CAMARA APIs: options, device resolution, the binding mapping, subscriptions and their delivery, CAMARA-shaped refusals and the per-caller rate limit.</summary>
internal static class CamaraServiceCollectionExtensions
{
    public static IServiceCollection AddCamara(this IServiceCollection services)
    {
        services.AddOptions<CamaraOptions>().BindConfiguration("ImeiGuard:Camara").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CamaraOptions>, CamaraOptionsValidator>();
        services.AddSingleton<DeviceResolver>();
        services.AddSingleton<FraudPreventionService>();
        services.AddCamaraNotifications();
        services.AddSingleton(static sp => new CloudEventWriter(
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.EventSource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SqliteSubscriptionStore>();
        // The Redis store registered its own (shared by the fleet) when ImeiGuard:Store=Redis.
        services.TryAddSingleton<ISubscriptionStore>(static sp => sp.GetRequiredService<SqliteSubscriptionStore>());
        services.AddSingleton<IControlPlaneAudit, LoggingControlPlaneAudit>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CamaraAuthorizationResultHandler>();
        // Rejections answer through the control plane's one OnRejected (SubscriberApiRateLimit), in the CAMARA shape here.
        services.AddRateLimiter(static limiter =>
        {
            limiter.AddPolicy(CamaraRoutes.RateLimitPolicy, static context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<CamaraOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>One budget per caller; the rate limiter runs after authorization, so every request here has one.</summary>
    private static string PartitionOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : context.Connection.RemoteIpAddress?.ToString() ?? "-";

    /// <summary>Fails the start on settings <see cref="CamaraOptions.Problems"/> reports.</summary>
    private sealed class CamaraOptionsValidator : IValidateOptions<CamaraOptions>
    {
        public ValidateOptionsResult Validate(string? name, CamaraOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
