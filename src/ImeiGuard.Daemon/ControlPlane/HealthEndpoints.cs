using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Storage;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Kubernetes-style probes, unauthenticated like /metrics: /healthz says the process serves HTTP;
/// /readyz says the UDP listener is bound and the database answers.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", static () => Results.Text("ok\n"));
        app.MapGet("/readyz", static (RadiusUdpListener listener, SqliteDatabase db) =>
        {
            var udp = listener.IsListening;
            var store = db.IsReachable();
            var text = $"udp_listener {(udp ? "ok" : "down")}\nstore {(store ? "ok" : "down")}\n";
            return Results.Text(text, statusCode: udp && store ? 200 : 503);
        });
    }
}
