using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The binding_history and pairings tables (schema step 4).</summary>
public sealed partial class SqliteBindingStore
{
    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => _db.Read(c =>
    {
        var total = Count(c, "SELECT COUNT(*) FROM binding_history WHERE imsi = $imsi", imsi);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT at_ms, kind, imei, other_imei, episode, detail FROM binding_history WHERE imsi = $imsi ORDER BY id DESC LIMIT $size OFFSET $offset";
        AddPaging(cmd, imsi, page, size);
        using var r = cmd.ExecuteReader();
        var items = new List<BindingEvent>();
        while (r.Read())
        {
            items.Add(new BindingEvent(r.GetInt64(0), r.GetString(1), ImeiFromColumn(r.GetInt64(2)), ImeiFromColumn(r.GetInt64(3)), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5)));
        }

        return ((IReadOnlyList<BindingEvent>)items, total);
    });

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => _db.Read(c =>
    {
        var total = Count(c, "SELECT COUNT(*) FROM pairings WHERE imsi = $imsi", imsi);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT imei, first_seen_ms, last_seen_ms FROM pairings WHERE imsi = $imsi ORDER BY last_seen_ms DESC, imei LIMIT $size OFFSET $offset";
        AddPaging(cmd, imsi, page, size);
        using var r = cmd.ExecuteReader();
        var items = new List<DevicePairing>();
        while (r.Read())
        {
            items.Add(new DevicePairing(ImeiFromColumn(r.GetInt64(0)), r.GetInt64(1), r.GetInt64(2)));
        }

        return ((IReadOnlyList<DevicePairing>)items, total);
    });

    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM binding_history WHERE imsi = $imsi AND kind = $kind AND at_ms >= $since";
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        cmd.Parameters.AddWithValue("$kind", kind);
        cmd.Parameters.AddWithValue("$since", sinceUnixMs);
        return (long)cmd.ExecuteScalar()!;
    });

    internal static void WriteEvent(SqliteConnection c, SqliteTransaction tx, Imsi imsi, BindingEvent e)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO binding_history (imsi, at_ms, kind, imei, other_imei, episode, detail) VALUES ($imsi, $at, $kind, $imei, $other, $episode, $detail)";
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        cmd.Parameters.AddWithValue("$at", e.AtUnixMs);
        cmd.Parameters.AddWithValue("$kind", e.Kind);
        cmd.Parameters.AddWithValue("$imei", ImeiColumn(e.Imei));
        cmd.Parameters.AddWithValue("$other", ImeiColumn(e.OtherImei));
        cmd.Parameters.AddWithValue("$episode", e.Episode);
        cmd.Parameters.AddWithValue("$detail", (object?)e.Detail ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection c, string sql, Imsi imsi)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        return (long)cmd.ExecuteScalar()!;
    }

    private static void AddPaging(SqliteCommand cmd, Imsi imsi, int page, int size)
    {
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$offset", (long)page * size);
    }
}
