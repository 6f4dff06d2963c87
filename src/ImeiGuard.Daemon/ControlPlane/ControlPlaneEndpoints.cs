using ImeiGuard.Daemon.Camara;
using ImeiGuard.Daemon.ControlPlane.Hardening;
using ImeiGuard.Daemon.ControlPlane.Inventory;
using ImeiGuard.Daemon.ControlPlane.OpenApi;
using Prometheus;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Every HTTP route of the daemon, in one place, so that the OpenAPI test can list exactly what is served.</summary>
internal static class ControlPlaneEndpoints
{
    public static void MapControlPlane(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics");
        app.MapHealth();
        app.MapChfTap();
        app.MapCamara();
        app.MapApiReference();

        // The subscriber API, /api/v2/…: one rate-limit budget per caller over all of it.
        var api = app.MapGroup(string.Empty).RequireRateLimiting(SubscriberApiRateLimit.Policy);
        api.MapDeviceSimLock();
        api.MapEnforcement();
        api.MapCellDatabase();
        api.MapSubscribers();
        api.MapAccount();
        api.MapListings();
        api.MapAudit();
        api.MapTenants();
    }
}
