using System.Security.Claims;
using System.Text.Json;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.ControlPlane.Auth;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Lists block/resume commands from the outbox: the audit trail of enforcement, and with no OSS configured, its only output.</summary>
internal static class EnforcementEndpoints
{
    public static void MapEnforcement(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/enforcement/commands", List).RequireAuthorization(Scopes.EnforcementRead, ControlPlaneAuthentication.NotDeviceBound);
        app.MapGet("/api/v2/enforcement/commands/{sequence:long}/history", History).RequireAuthorization(Scopes.EnforcementRead, ControlPlaneAuthentication.NotDeviceBound);
    }

    /// <summary>Delivery attempts, acknowledgement, dead-letter and Disconnect-Request results of one command, oldest first.</summary>
    private static IResult History(IOutboxStore outbox, long sequence, ClaimsPrincipal user)
    {
        // A tenant gets the empty history of an unknown sequence for another tenant's command.
        var events = outbox.GetHistory(sequence, Caller.From(user).Tenant);
        return Envelope.Page(events, 0, events.Count, events.Count);
    }

    private static IResult List(IOutboxStore outbox, int? page, int? size, string? status, ClaimsPrincipal user)
    {
        if (Paging.Invalid(page, size, out var p, out var s) is { } invalid)
        {
            return invalid;
        }

        OutboxStatus? filter = status?.ToLowerInvariant() switch
        {
            null or "" or "all" => null,
            "pending" => OutboxStatus.Pending,
            "delivered" => OutboxStatus.Delivered,
            "dead_letter" => OutboxStatus.DeadLetter,
            _ => (OutboxStatus)255,
        };
        if (filter == (OutboxStatus)255)
        {
            return Envelope.Error(400, LockApiErrors.InvalidPaging, "status must be pending, delivered, dead_letter or all");
        }

        var (items, total) = outbox.List(p, s, filter, Caller.From(user).Tenant);
        var views = new List<CommandView>(items.Count);
        foreach (var e in items)
        {
            using var doc = JsonDocument.Parse(e.Payload);
            views.Add(new CommandView(
                e.Sequence, e.CommandId, e.Kind, e.IdempotencyKey,
                e.Status switch { OutboxStatus.Delivered => "DELIVERED", OutboxStatus.DeadLetter => "DEAD_LETTER", _ => "PENDING" },
                e.Attempts, e.CreatedAt, e.DeliveredAt, e.NextAttemptAt, e.LastHttpStatus, e.LastError,
                doc.RootElement.Clone(),
                e.Disconnect == DisconnectOutcome.None ? null : DisconnectOutcomes.Name(e.Disconnect)));
        }

        return Envelope.Page(views, p, s, total);
    }
}
