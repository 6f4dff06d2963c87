using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>Registers CAMARA notification delivery: options, the sink HttpClient, metrics and the dispatcher.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Binds "ImeiGuard:Camara:Notifications" (validated at start). The daemon registers the <c>ISubscriptionStore</c>.</summary>
    public static IServiceCollection AddCamaraNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("ImeiGuard:Camara:Notifications").ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton(static _ => new NotificationMetrics(Metrics.DefaultRegistry));
        services.AddHttpClient(NotificationDispatcher.HttpClientName, static (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(static sp => SinkHandler.Create(sp.GetRequiredService<IOptions<NotificationOptions>>().Value));
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }
}
