using ImeiGuard.Core.Enforcement;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The outbox table: commands stay until the OSS acknowledges them, then are kept as delivered history.</summary>
public sealed class SqliteOutboxStore : IOutboxStore
{
    private const string Columns = "seq, command_id, kind, imsi, idempotency_key, payload, created_at_ms, status, attempts, next_attempt_ms, delivered_at_ms, last_http_status, last_error";
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

    public void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE outbox SET status = 1, attempts = attempts + 1, delivered_at_ms = $at, last_http_status = $status, last_error = NULL WHERE seq = $seq";
        cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus);
        cmd.Parameters.AddWithValue("$seq", sequence);
        return cmd.ExecuteNonQuery();
    });

    public void MarkAttemptFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = $next, last_http_status = $status, last_error = $error WHERE seq = $seq";
        cmd.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$status", httpStatus is null ? DBNull.Value : httpStatus.Value);
        cmd.Parameters.AddWithValue("$error", error);
        cmd.Parameters.AddWithValue("$seq", sequence);
        return cmd.ExecuteNonQuery();
    });

    public (IReadOnlyList<OutboxEntry> Items, long Total) List(int page, int size, OutboxStatus? status) => _db.Read(c =>
    {
        var filter = status is null ? string.Empty : "WHERE status = $status";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM outbox {filter}";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM outbox {filter} ORDER BY seq DESC LIMIT $size OFFSET $offset";
        if (status is not null)
        {
            count.Parameters.AddWithValue("$status", (int)status.Value);
            cmd.Parameters.AddWithValue("$status", (int)status.Value);
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
            });
        }

        return list;
    }
}
