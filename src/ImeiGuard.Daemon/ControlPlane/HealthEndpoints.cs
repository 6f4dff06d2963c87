using ImeiGuard.Core.Enforcement;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Oss;
using ImeiGuard.Redis;
using ImeiGuard.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Kubernetes-style probes, unauthenticated like /metrics: /healthz says the process serves HTTP;
/// /readyz says the UDP listener is bound and the database answers, and reports whether the outbox is
/// stuck (an OSS is configured and a command has waited longer than HealthOptions.OutboxStuckAfter), and
/// with the Redis store whether Redis answers (a failing Redis fails readiness only with HealthOptions.FailReadinessOnRedisDown).
/// A stuck outbox fails readiness only when HealthOptions.FailReadinessOnStuckOutbox is set: taking the
/// only replica out of its Service would stop ingest too, and the ImeiGuardOutboxBacklog alert covers it.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", static () => Results.Text("ok\n"));
        app.MapGet("/readyz", static (RadiusUdpListener listener, SqliteDatabase db, IOutboxStore outbox, IOptions<OssOptions> oss, IOptions<HealthOptions> health, TimeProvider time,
            [FromServices] RedisConnection? redis) =>
        {
            var udp = listener.IsListening;
            var store = db.IsReachable();
            // With the Redis store: "ok", or "down" while the near-cache decides alone (503 only if configured so).
            var redisUp = redis?.IsReachable() ?? true;
            var outboxState = "record_only";
            var stuck = false;
            if (store && redisUp && !string.IsNullOrWhiteSpace(oss.Value.Url))
            {
                var oldest = outbox.GetStats().OldestPendingCreatedAt;
                stuck = oldest is { } created && time.GetUtcNow() - created > health.Value.OutboxStuckAfter;
                outboxState = stuck ? "stuck" : "ok";
            }

            var ready = udp && store && !(stuck && health.Value.FailReadinessOnStuckOutbox) && !(!redisUp && health.Value.FailReadinessOnRedisDown);
            var text = $"udp_listener {(udp ? "ok" : "down")}\nstore {(store ? "ok" : "down")}\noutbox {outboxState}\n"
                + (redis is null ? string.Empty : $"redis {(redisUp ? "ok" : "down")}\n");
            return Results.Text(text, statusCode: ready ? 200 : 503);
        });
    }
}
