using ImeiGuard.Core.Audit;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The audit log in the embedded database (table audit_log, append-only).</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _db;

    public SqliteAuditLog(SqliteDatabase db) => _db = db;

    public void Record(AuditEntry entry) => _db.Write((c, tx) =>
    {
        Insert(c, tx, entry);
        return 0;
    });

    /// <summary>Appends an entry inside a caller's transaction, so a change and its audit entry commit together.</summary>
    internal static void Insert(SqliteConnection c, SqliteTransaction tx, AuditEntry e)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO audit_log (at_ms, actor, tenant, action, target, before_json, after_json, correlator)
            VALUES ($at, $actor, $tenant, $action, $target, $before, $after, $correlator)
            """;
        cmd.Parameters.AddWithValue("$at", e.At.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$actor", e.Actor);
        cmd.Parameters.AddWithValue("$tenant", (object?)e.Tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$action", e.Action);
        cmd.Parameters.AddWithValue("$target", (object?)e.Target ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$before", (object?)e.Before ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$after", (object?)e.After ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$correlator", (object?)e.Correlator ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    public (IReadOnlyList<AuditEntry> Items, long Total) List(int page, int size, string? tenant, string? target) => _db.Read(c =>
    {
        const string Filter = "WHERE ($tenant IS NULL OR tenant = $tenant) AND ($target IS NULL OR target = $target)";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM audit_log {Filter}";
        AddFilter(count, tenant, target);
        var total = (long)count.ExecuteScalar()!;

        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT id, at_ms, actor, tenant, action, target, before_json, after_json, correlator
            FROM audit_log {Filter} ORDER BY id DESC LIMIT $size OFFSET $offset
            """;
        AddFilter(cmd, tenant, target);
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$offset", (long)page * size);
        using var r = cmd.ExecuteReader();
        var items = new List<AuditEntry>();
        while (r.Read())
        {
            items.Add(new AuditEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), Text(r, 3), r.GetString(4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8))
            {
                Id = r.GetInt64(0),
            });
        }

        return ((IReadOnlyList<AuditEntry>)items, total);
    });

    private static void AddFilter(SqliteCommand cmd, string? tenant, string? target)
    {
        cmd.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$target", (object?)target ?? DBNull.Value);
    }

    private static string? Text(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
