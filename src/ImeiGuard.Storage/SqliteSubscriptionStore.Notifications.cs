using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The notification queue: events queued by transitions and lifecycle changes, delivered in order per subscription.</summary>
public sealed partial class SqliteSubscriptionStore
{
    /// <summary>
    /// Queues the imei-change or area-change of a violation for every active subscription to it, in the violation's
    /// transaction. A SIM nobody watches returns after one dictionary lookup.
    /// </summary>
    public void OnTransition(SqliteConnection connection, SqliteTransaction transaction, BindingRecord record, BindingEvent historyEvent)
    {
        if (!_watched.TryGetValue(record.Imsi.Packed, out var watchers) || watchers == 0
            || CamaraEventTypes.ForHistoryEvent(historyEvent.Kind, historyEvent.Detail) is not { } type)
        {
            return;
        }

        using var find = Command(connection, transaction, $"SELECT {Columns} FROM camara_subscriptions WHERE imsi = $imsi AND status = 0 AND event_type = $type");
        find.Parameters.AddWithValue("$imsi", unchecked((long)record.Imsi.Packed));
        find.Parameters.AddWithValue("$type", type);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(historyEvent.AtUnixMs);
        foreach (var s in ReadAll(find))
        {
            Append(connection, transaction, s.Id, type == CamaraEventTypes.ImeiChange
                ? _events.ImeiChange(s.Id, CamaraImei.Format(historyEvent.Imei), s.DeviceJson, at)
                : _events.AreaChange(s.Id, record.Rules?.Regions?.Circles.FirstOrDefault() is { RadiusM: > 0 } circle ? circle : null, s.DeviceJson, at));
        }
    }

    public IReadOnlyList<DueNotification> GetDue(DateTimeOffset now, int max) => _db.Read(c =>
    {
        // Queue heads only: a subscription's later event waits while an earlier one is undelivered, so a consumer
        // never sees subscription-ended before the events it ends.
        using var cmd = Command(c, null, """
            SELECT n.seq, n.subscription_id, n.event_id, n.event_type, n.payload, s.sink, s.access_token, n.attempts
            FROM camara_notifications n JOIN camara_subscriptions s ON s.id = n.subscription_id
            WHERE n.status = 0 AND n.next_attempt_ms <= $now
              AND NOT EXISTS (SELECT 1 FROM camara_notifications p WHERE p.subscription_id = n.subscription_id AND p.status = 0 AND p.seq < n.seq)
            ORDER BY n.seq LIMIT $max
            """);
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$max", max);
        using var r = cmd.ExecuteReader();
        var list = new List<DueNotification>();
        while (r.Read())
        {
            list.Add(new DueNotification(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)));
        }

        return (IReadOnlyList<DueNotification>)list;
    });

    public void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus) => _db.Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "UPDATE camara_notifications SET status = 1, attempts = attempts + 1, delivered_ms = $at, last_http_status = $status, last_error = NULL WHERE seq = $seq");
        cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus);
        cmd.Parameters.AddWithValue("$seq", sequence);
        return cmd.ExecuteNonQuery();
    });

    public void MarkFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error) => _db.Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "UPDATE camara_notifications SET attempts = attempts + 1, next_attempt_ms = $next, last_http_status = $status, last_error = $error WHERE seq = $seq");
        cmd.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus is { } status ? status : DBNull.Value);
        cmd.Parameters.AddWithValue("$error", error);
        cmd.Parameters.AddWithValue("$seq", sequence);
        return cmd.ExecuteNonQuery();
    });

    public int ExpireUndelivered(DateTimeOffset createdBefore, DateTimeOffset now) => _db.Write((c, tx) =>
    {
        using var cmd = Command(c, tx, """
            UPDATE camara_notifications SET status = 2
            WHERE status = 0 AND (created_ms < $cutoff
               OR subscription_id IN (SELECT id FROM camara_subscriptions WHERE token_expires_ms IS NOT NULL AND token_expires_ms <= $now))
            """);
        cmd.Parameters.AddWithValue("$cutoff", createdBefore.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery();
    });

    public (long PendingEvents, long ActiveSubscriptions) Counts() => _db.Read(static c =>
    {
        using var cmd = Command(c, null, "SELECT (SELECT COUNT(*) FROM camara_notifications WHERE status = 0), (SELECT COUNT(*) FROM camara_subscriptions WHERE status = 0)");
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    });

    /// <summary>Queues an event; a counted one that reaches subscriptionMaxEvents ends the subscription and queues subscription-ended after it.</summary>
    private void Append(SqliteConnection c, SqliteTransaction tx, string subscriptionId, PendingEvent e)
    {
        using var insert = Command(c, tx, """
            INSERT INTO camara_notifications (subscription_id, event_id, event_type, payload, created_ms)
            VALUES ($sub, $event, $type, $payload, $created)
            """);
        insert.Parameters.AddWithValue("$sub", subscriptionId);
        insert.Parameters.AddWithValue("$event", e.EventId);
        insert.Parameters.AddWithValue("$type", e.Type);
        insert.Parameters.AddWithValue("$payload", e.Payload);
        insert.Parameters.AddWithValue("$created", _time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
        if (!e.Counted)
        {
            return;
        }

        using var count = Command(c, tx, "UPDATE camara_subscriptions SET events_sent = events_sent + 1 WHERE id = $id RETURNING events_sent >= COALESCE(max_events, events_sent + 1)");
        count.Parameters.AddWithValue("$id", subscriptionId);
        if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            // Left watched until restart: a stale entry costs a SELECT on this SIM's next transition, never an event.
            End(c, tx, subscriptionId, SubscriptionStatus.Expired, dropPending: false);
            Append(c, tx, subscriptionId, _events.Ended(subscriptionId, SubscriptionTermination.MaxEventsReached, "The maximum number of events has been sent."));
        }
    }
}
