using ImeiGuard.Core.Metrics;
using ImeiGuard.Oss.Delivery;
using ImeiGuard.Oss.Disconnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss;

/// <summary>Registers enforcement delivery: options, the resilient OSS HttpClient, the dispatcher and the Disconnect service.</summary>
public static class OssServiceCollectionExtensions
{
    /// <summary>Binds "ImeiGuard:Oss" and "ImeiGuard:Disconnect" (validated at start) and adds both background services.</summary>
    public static IServiceCollection AddImeiGuardEnforcement(this IServiceCollection services)
    {
        services.AddOptions<OssOptions>().BindConfiguration("ImeiGuard:Oss").ValidateOnStart();
        services.AddSingleton<IValidateOptions<OssOptions>, OssOptionsValidator>();
        services.AddOptions<DisconnectOptions>().BindConfiguration("ImeiGuard:Disconnect").ValidateOnStart();
        services.AddSingleton<IValidateOptions<DisconnectOptions>, DisconnectOptionsValidator>();

        // The pipeline bounds every request; the client's own 100 s default would only get in the way.
        services.AddHttpClient(OssDispatcher.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("oss-delivery", static (builder, context) => OssResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<OssOptions>>().Value,
                context.ServiceProvider.GetRequiredService<ImeiGuardMetrics>(),
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<OssDispatcher>();
        services.AddHostedService<DisconnectService>();
        return services;
    }
}
