using ImeiGuard.Core.Enforcement;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// The outbox table: commands stay pending until the OSS acknowledges them, then are kept as delivered
/// history. The next-attempt time of each command is stored with it, so a retry schedule survives a restart.
/// </summary>
public sealed partial class SqliteOutboxStore : IOutboxStore
{
    private const string Columns = "seq, command_id, kind, imsi, idempotency_key, payload, created_at_ms, status, attempts, next_attempt_ms, delivered_at_ms, last_http_status, last_error, disconnect_state";
    private readonly SqliteDatabase _db;

    public SqliteOutboxStore(SqliteDatabase db) => _db = db;

    internal static void Insert(SqliteConnection c, SqliteTransaction tx, OutboxEntry e)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO outbox (command_id, kind, imsi, idempotency_key, payload, created_at_ms, status)
            VALUES ($id, $kind, $imsi, $key, $payload, $created, 0)
            """;
        cmd.Parameters.AddWithValue("$id", e.CommandId);
        cmd.Parameters.AddWithValue("$kind", e.Kind);
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)e.ImsiPacked));
        cmd.Parameters.AddWithValue("$key", e.IdempotencyKey);
        cmd.Parameters.AddWithValue("$payload", e.Payload);
        cmd.Parameters.AddWithValue("$created", e.CreatedAt.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<OutboxEntry> GetPending(int max) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM outbox WHERE status = 0 ORDER BY seq LIMIT $max";
        cmd.Parameters.AddWithValue("$max", max);
        return ReadAll(cmd);
    });

    public IReadOnlyList<OutboxEntry> GetDue(DateTimeOffset now, int max) => _db.Read(c =>
    {
        // Queue heads only: a command whose SIM has an older pending command is not due, whatever its
        // schedule says, so block and resume of one SIM never overtake each other (outbox_sim index).
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT {Columns} FROM outbox o
            WHERE o.status = 0 AND o.next_attempt_ms <= $now
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.imsi = o.imsi AND p.status = 0 AND p.seq < o.seq)
            ORDER BY o.seq LIMIT $max
            """;
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$max", max);
        return ReadAll(cmd);
    });

    public void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE outbox SET status = 1, attempts = attempts + 1, delivered_at_ms = $at, last_http_status = $status, last_error = NULL WHERE seq = $seq";
        cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus);
        cmd.Parameters.AddWithValue("$seq", sequence);
        AddEvent(c, tx, sequence, at, OutboxEventKinds.Delivered, httpStatus, null);
        return cmd.ExecuteNonQuery();
    });

    public void MarkAttemptFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error, DateTimeOffset? at = null) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = $next, last_http_status = $status, last_error = $error WHERE seq = $seq";
        cmd.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus is null ? DBNull.Value : httpStatus.Value);
        cmd.Parameters.AddWithValue("$error", error);
        cmd.Parameters.AddWithValue("$seq", sequence);
        AddEvent(c, tx, sequence, at ?? DateTimeOffset.UtcNow, OutboxEventKinds.AttemptFailed, httpStatus, error);
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<OutboxEntry> DeadLetterOlderThan(DateTimeOffset createdBefore, DateTimeOffset at) => _db.Write((c, tx) =>
    {
        using var select = c.CreateCommand();
        select.Transaction = tx;
        select.CommandText = $"SELECT {Columns} FROM outbox WHERE status = 0 AND created_at_ms < $cutoff ORDER BY seq";
        select.Parameters.AddWithValue("$cutoff", createdBefore.ToUnixTimeMilliseconds());
        var expired = ReadAll(select);
        foreach (var entry in expired)
        {
            using var update = c.CreateCommand();
            update.Transaction = tx;
            update.CommandText = "UPDATE outbox SET status = 2 WHERE seq = $seq";
            update.Parameters.AddWithValue("$seq", entry.Sequence);
            update.ExecuteNonQuery();
            AddEvent(c, tx, entry.Sequence, at, OutboxEventKinds.DeadLettered, entry.LastHttpStatus, entry.LastError);
        }

        return (IReadOnlyList<OutboxEntry>)expired;
    });

    public (IReadOnlyList<OutboxEntry> Items, long Total) List(int page, int size, OutboxStatus? status, string? tenant = null) => _db.Read(c =>
    {
        const string Filter = "WHERE ($status IS NULL OR status = $status) AND ($tenant IS NULL OR imsi IN (SELECT imsi FROM subscribers WHERE tenant = $tenant))";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM outbox {Filter}";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM outbox {Filter} ORDER BY seq DESC LIMIT $size OFFSET $offset";
        foreach (var command in (SqliteCommand[])[count, cmd])
        {
            command.Parameters.AddWithValue("$status", status is null ? DBNull.Value : (int)status.Value);
            command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        }

        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$offset", (long)page * size);
        var total = (long)count.ExecuteScalar()!;
        return ((IReadOnlyList<OutboxEntry>)ReadAll(cmd), total);
    });

    public long CountPending() => _db.Read(static c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM outbox WHERE status = 0";
        return (long)cmd.ExecuteScalar()!;
    });

    public OutboxStats GetStats() => _db.Read(static c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT COUNT(*) FROM outbox WHERE status = 0),
                   (SELECT MIN(created_at_ms) FROM outbox WHERE status = 0),
                   (SELECT COUNT(*) FROM outbox WHERE status = 2)
            """;
        using var r = cmd.ExecuteReader();
        r.Read();
        return new OutboxStats(
            r.GetInt64(0),
            r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
            r.GetInt64(2));
    });

    private static void AddEvent(SqliteConnection c, SqliteTransaction tx, long sequence, DateTimeOffset at, string kind, int? code, string? detail)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO outbox_events (seq, at_ms, kind, code, detail) VALUES ($seq, $at, $kind, $code, $detail)";
        cmd.Parameters.AddWithValue("$seq", sequence);
        cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$kind", kind);
        cmd.Parameters.AddWithValue("$code", code is null ? DBNull.Value : code.Value);
        cmd.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static List<OutboxEntry> ReadAll(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<OutboxEntry>();
        while (r.Read())
        {
            list.Add(new OutboxEntry
            {
                Sequence = r.GetInt64(0),
                CommandId = r.GetString(1),
                Kind = r.GetString(2),
                ImsiPacked = unchecked((ulong)r.GetInt64(3)),
                IdempotencyKey = r.GetString(4),
                Payload = r.GetString(5),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
                Status = (OutboxStatus)r.GetInt32(7),
                Attempts = r.GetInt32(8),
                NextAttemptAt = r.GetInt64(9) == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
                DeliveredAt = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                LastHttpStatus = r.IsDBNull(11) ? null : r.GetInt32(11),
                LastError = r.IsDBNull(12) ? null : r.GetString(12),
                Disconnect = (DisconnectOutcome)r.GetInt32(13),
            });
        }

        return list;
    }
}
