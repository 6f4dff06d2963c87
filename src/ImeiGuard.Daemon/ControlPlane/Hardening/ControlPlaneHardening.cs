using ImeiGuard.Daemon.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Defences of the HTTP control plane against abuse: brute-force lockout, the subscriber API's rate limit, Kestrel
/// limits for slow clients and TLS. The JSON depth bound is applied where bodies are read (<see cref="BoundedJsonBody"/>).
/// </summary>
internal static class ControlPlaneHardening
{
    public static IServiceCollection AddControlPlaneHardening(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        services.AddSingleton<AuthenticationLockout>();
        services.AddSingleton<ControlPlaneCertificate>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelHardening>();
        services.AddSubscriberApiRateLimit();
        return services;
    }

    /// <summary>The lockout sits before authentication, so that a locked-out address's token is never evaluated.</summary>
    public static IApplicationBuilder UseAuthenticationLockout(this IApplicationBuilder app) =>
        app.UseMiddleware<AuthenticationLockoutMiddleware>();

    /// <summary>
    /// Validates the settings and loads the certificate before the server starts, so that a mistake there stops the
    /// start with its message (<see cref="StartupConfigurationException"/>, OptionsValidationException) rather than
    /// failing inside Kestrel. Publishes the metrics.
    /// </summary>
    public static void CheckAtStart(IServiceProvider services, ILogger logger)
    {
        _ = services.GetRequiredService<IOptions<ControlPlaneOptions>>().Value;
        AbuseMetrics.Publish();
        if (services.GetRequiredService<ControlPlaneCertificate>().Certificate is { } certificate)
        {
            logger.LogControlPlaneTls(certificate.Subject, certificate.NotAfter.ToUniversalTime(), certificate.Thumbprint);
        }
    }
}
