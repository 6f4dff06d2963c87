using ImeiGuard.Daemon.Camara;
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
        app.MapDeviceSimLock();
        app.MapEnforcement();
        app.MapChfTap();
        app.MapCellDatabase();
        app.MapCamara();
        app.MapSubscribers();
        app.MapAccount();
        app.MapListings();
        app.MapAudit();
        app.MapTenants();
        app.MapApiReference();
    }
}
