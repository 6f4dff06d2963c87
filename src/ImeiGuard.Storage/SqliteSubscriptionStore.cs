using System.Collections.Concurrent;
using ImeiGuard.Core.Camara;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// CAMARA subscriptions and their notification queue (schema step "camara_subscriptions"). Also the binding store's
/// <see cref="ITransitionHook"/>: a violation of a watched SIM queues its imei-change or area-change in the
/// violation's own transaction. Which SIMs are watched is kept in memory, so a transition of any other SIM costs one
/// dictionary lookup and no SQL.
/// </summary>
public sealed partial class SqliteSubscriptionStore : ISubscriptionStore, ITransitionHook
{
    private const string Columns = """
        id, imsi, event_type, tenant, owner, sink, access_token, token_expires_ms, device_json, expire_ms, max_events,
        initial_event, events_sent, status, starts_ms, ended_ms
        """;

    private readonly SqliteDatabase _db;
    private readonly CloudEventWriter _events;
    private readonly TimeProvider _time;

    // Active subscriptions per SIM (packed IMSI). Raised before a create commits and lowered after an end commits, so
    // it may briefly count one too many (a needless SELECT), never one too few (a lost event).
    private readonly ConcurrentDictionary<ulong, int> _watched = new();

    public SqliteSubscriptionStore(SqliteDatabase db, CloudEventWriter events, TimeProvider time)
    {
        _db = db;
        _events = events;
        _time = time;
        foreach (var imsi in _db.Read(static c => ReadImsis(c, "SELECT imsi FROM camara_subscriptions WHERE status = 0")))
        {
            Watch(imsi, +1);
        }
    }

    public void Create(FraudSubscription subscription, PendingEvent? initialEvent)
    {
        _db.Write((c, tx) =>
        {
            using var cmd = Command(c, tx, $"""
                INSERT INTO camara_subscriptions ({Columns})
                VALUES ($id, $imsi, $type, $tenant, $owner, $sink, $token, $tokenExpires, $device, $expire, $max, $initial, 0, 0, $starts, NULL)
                """);
            cmd.Parameters.AddWithValue("$id", subscription.Id);
            cmd.Parameters.AddWithValue("$imsi", unchecked((long)subscription.Imsi.Packed));
            cmd.Parameters.AddWithValue("$type", subscription.EventType);
            cmd.Parameters.AddWithValue("$tenant", (object?)subscription.Tenant ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$owner", subscription.Owner);
            cmd.Parameters.AddWithValue("$sink", subscription.Sink);
            cmd.Parameters.AddWithValue("$token", (object?)subscription.AccessToken ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$tokenExpires", Ms(subscription.AccessTokenExpiresAt));
            cmd.Parameters.AddWithValue("$device", (object?)subscription.DeviceJson ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$expire", Ms(subscription.ExpireTime));
            cmd.Parameters.AddWithValue("$max", subscription.MaxEvents is { } max ? max : DBNull.Value);
            cmd.Parameters.AddWithValue("$initial", subscription.InitialEvent ? 1 : 0);
            cmd.Parameters.AddWithValue("$starts", subscription.StartsAt.ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();

            Watch(subscription.Imsi.Packed, +1);
            Append(c, tx, subscription.Id, _events.Started(subscription.Id));
            if (initialEvent is not null)
            {
                Append(c, tx, subscription.Id, initialEvent);
            }

            return 0;
        });
    }

    public FraudSubscription? Find(string id) => _db.Read(c =>
    {
        using var cmd = Command(c, null, $"SELECT {Columns} FROM camara_subscriptions WHERE id = $id AND status <> 2");
        cmd.Parameters.AddWithValue("$id", id);
        return ReadAll(cmd).FirstOrDefault();
    });

    public IReadOnlyList<FraudSubscription> List(string? tenant, int max) => _db.Read(c =>
    {
        using var cmd = Command(c, null, $"""
            SELECT {Columns} FROM camara_subscriptions
            WHERE status <> 2 AND ($tenant IS NULL OR tenant = $tenant) ORDER BY starts_ms, id LIMIT $max
            """);
        cmd.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$max", max);
        return (IReadOnlyList<FraudSubscription>)ReadAll(cmd);
    });

    public bool Delete(string id)
    {
        var ended = _db.Write((c, tx) =>
        {
            using var find = Command(c, tx, $"SELECT {Columns} FROM camara_subscriptions WHERE id = $id AND status <> 2");
            find.Parameters.AddWithValue("$id", id);
            if (ReadAll(find).FirstOrDefault() is not { } subscription)
            {
                return ((FraudSubscription?)null, false);
            }

            // What was queued before the delete still goes out, in order, before subscription-ended; nothing new is queued.
            var wasActive = subscription.Status == SubscriptionStatus.Active;
            End(c, tx, id, SubscriptionStatus.Deleted, dropPending: false);
            if (wasActive)
            {
                Append(c, tx, id, _events.Ended(id, SubscriptionTermination.SubscriptionDeleted, "The subscription was deleted by its consumer."));
            }

            return (subscription, wasActive);
        });
        if (ended.Item2)
        {
            Watch(ended.Item1!.Imsi.Packed, -1);
        }

        return ended.Item1 is not null;
    }

    public int EndDue(DateTimeOffset now, TimeSpan tokenLead)
    {
        var ended = _db.Write((c, tx) =>
        {
            using var due = Command(c, tx, $"""
                SELECT {Columns} FROM camara_subscriptions WHERE status = 0
                  AND ((expire_ms IS NOT NULL AND expire_ms <= $now) OR (token_expires_ms IS NOT NULL AND token_expires_ms <= $tokenCutoff))
                """);
            due.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            due.Parameters.AddWithValue("$tokenCutoff", (now + tokenLead).ToUnixTimeMilliseconds());
            var expired = ReadAll(due);
            foreach (var s in expired)
            {
                var byTime = s.ExpireTime is { } e && e <= now;
                End(c, tx, s.Id, SubscriptionStatus.Expired, dropPending: false);
                Append(c, tx, s.Id, byTime
                    ? _events.Ended(s.Id, SubscriptionTermination.SubscriptionExpired, "The subscription expire time has been reached.")
                    : _events.Ended(s.Id, SubscriptionTermination.AccessTokenExpired, "The sink access token expires."));
            }

            return expired;
        });
        foreach (var s in ended)
        {
            Watch(s.Imsi.Packed, -1);
        }

        return ended.Count;
    }

    public void EndGone(string subscriptionId)
    {
        var imsi = _db.Write((c, tx) =>
        {
            using var find = Command(c, tx, "SELECT imsi, status FROM camara_subscriptions WHERE id = $id");
            find.Parameters.AddWithValue("$id", subscriptionId);
            using var r = find.ExecuteReader();
            var wasActive = r.Read() && r.GetInt32(1) == (int)SubscriptionStatus.Active;
            var packed = wasActive ? unchecked((ulong)r.GetInt64(0)) : 0;
            r.Close();
            End(c, tx, subscriptionId, SubscriptionStatus.Expired, dropPending: true);
            return packed;
        });
        if (imsi != 0)
        {
            Watch(imsi, -1);
        }
    }

    private void Watch(ulong imsi, int delta) =>
        _watched.AddOrUpdate(imsi, static (_, d) => Math.Max(d, 0), static (_, n, d) => Math.Max(n + d, 0), delta);

    /// <summary>Ends a subscription; with <paramref name="dropPending"/> its undelivered events are dropped too.</summary>
    private void End(SqliteConnection c, SqliteTransaction tx, string id, SubscriptionStatus status, bool dropPending)
    {
        using var end = Command(c, tx, "UPDATE camara_subscriptions SET status = $status, ended_ms = COALESCE(ended_ms, $now) WHERE id = $id");
        end.Parameters.AddWithValue("$status", (int)status);
        end.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        end.Parameters.AddWithValue("$id", id);
        end.ExecuteNonQuery();
        if (dropPending)
        {
            using var drop = Command(c, tx, "UPDATE camara_notifications SET status = 3 WHERE subscription_id = $id AND status = 0");
            drop.Parameters.AddWithValue("$id", id);
            drop.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static object Ms(DateTimeOffset? at) => at is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? At(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static List<ulong> ReadImsis(SqliteConnection c, string sql)
    {
        using var cmd = Command(c, null, sql);
        using var r = cmd.ExecuteReader();
        var list = new List<ulong>();
        while (r.Read())
        {
            list.Add(unchecked((ulong)r.GetInt64(0)));
        }

        return list;
    }

    private static List<FraudSubscription> ReadAll(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<FraudSubscription>();
        while (r.Read())
        {
            list.Add(new FraudSubscription
            {
                Id = r.GetString(0),
                Imsi = Imsi.FromPacked(unchecked((ulong)r.GetInt64(1))),
                EventType = r.GetString(2),
                Tenant = r.IsDBNull(3) ? null : r.GetString(3),
                Owner = r.GetString(4),
                Sink = r.GetString(5),
                AccessToken = r.IsDBNull(6) ? null : r.GetString(6),
                AccessTokenExpiresAt = At(r, 7),
                DeviceJson = r.IsDBNull(8) ? null : r.GetString(8),
                ExpireTime = At(r, 9),
                MaxEvents = r.IsDBNull(10) ? null : r.GetInt32(10),
                InitialEvent = r.GetInt64(11) != 0,
                EventsSent = r.GetInt32(12),
                Status = (SubscriptionStatus)r.GetInt32(13),
                StartsAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
                EndedAt = At(r, 15),
            });
        }

        return list;
    }
}
