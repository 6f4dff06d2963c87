using ImeiGuard.Core.Enforcement;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Oss;
using ImeiGuard.Storage;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Kubernetes-style probes, unauthenticated like /metrics: /healthz says the process serves HTTP;
/// /readyz says the UDP listener is bound and the database answers, and reports whether the outbox is
/// stuck (an OSS is configured and a command has waited longer than HealthOptions.OutboxStuckAfter).
/// A stuck outbox fails readiness only when HealthOptions.FailReadinessOnStuckOutbox is set: taking the
/// only replica out of its Service would stop ingest too, and the ImeiGuardOutboxBacklog alert covers it.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", static () => Results.Text("ok\n"));
        app.MapGet("/readyz", static (RadiusUdpListener listener, SqliteDatabase db, IOutboxStore outbox, IOptions<OssOptions> oss, IOptions<HealthOptions> health, TimeProvider time) =>
        {
            var udp = listener.IsListening;
            var store = db.IsReachable();
            var outboxState = "record_only";
            var stuck = false;
            if (store && !string.IsNullOrWhiteSpace(oss.Value.Url))
            {
                var oldest = outbox.GetStats().OldestPendingCreatedAt;
                stuck = oldest is { } created && time.GetUtcNow() - created > health.Value.OutboxStuckAfter;
                outboxState = stuck ? "stuck" : "ok";
            }

            var ready = udp && store && !(stuck && health.Value.FailReadinessOnStuckOutbox);
            var text = $"udp_listener {(udp ? "ok" : "down")}\nstore {(store ? "ok" : "down")}\noutbox {outboxState}\n";
            return Results.Text(text, statusCode: ready ? 200 : 503);
        });
    }
}
