using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>Cross-SIM listings over the bindings and binding_history tables, filtered by tenant through the subscribers table.</summary>
public sealed class SqliteBindingQueries : IBindingQueries
{
    private const string TenantFilter = "($tenant IS NULL OR imsi IN (SELECT imsi FROM subscribers WHERE tenant = $tenant))";
    private readonly SqliteDatabase _db;

    public SqliteBindingQueries(SqliteDatabase db) => _db = db;

    public (IReadOnlyList<Imsi> Items, long Total) ListBindings(LockState? state, string? tenant, int page, int size) => _db.Read(c =>
    {
        const string Where = $"WHERE ($state IS NULL OR state = $state) AND {TenantFilter}";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM bindings {Where}";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT imsi FROM bindings {Where} ORDER BY imsi LIMIT $size OFFSET $offset";
        foreach (var command in (SqliteCommand[])[count, cmd])
        {
            command.Parameters.AddWithValue("$state", state is null ? DBNull.Value : (int)state.Value);
            command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        }

        AddPage(cmd, page, size);
        var total = (long)count.ExecuteScalar()!;
        using var r = cmd.ExecuteReader();
        var items = new List<Imsi>();
        while (r.Read())
        {
            items.Add(Imsi.FromPacked(unchecked((ulong)r.GetInt64(0))));
        }

        return ((IReadOnlyList<Imsi>)items, total);
    });

    public (IReadOnlyList<SimEvent> Items, long Total) ListEvents(IReadOnlyList<string>? kinds, string? tenant, int page, int size) => _db.Read(c =>
    {
        // The kinds are bound as parameters ($k0, $k1, ...), never spliced into the SQL text.
        var kindFilter = kinds is { Count: > 0 } ? $"kind IN ({string.Join(", ", kinds.Select(static (_, i) => $"$k{i}"))})" : "1 = 1";
        var where = $"WHERE {kindFilter} AND {TenantFilter}";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM binding_history {where}";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT imsi, at_ms, kind, imei, other_imei, episode, detail FROM binding_history {where} ORDER BY id DESC LIMIT $size OFFSET $offset";
        foreach (var command in (SqliteCommand[])[count, cmd])
        {
            command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
            for (var i = 0; i < (kinds?.Count ?? 0); i++)
            {
                command.Parameters.AddWithValue($"$k{i}", kinds![i]);
            }
        }

        AddPage(cmd, page, size);
        var total = (long)count.ExecuteScalar()!;
        using var r = cmd.ExecuteReader();
        var items = new List<SimEvent>();
        while (r.Read())
        {
            items.Add(new SimEvent(
                Imsi.FromPacked(unchecked((ulong)r.GetInt64(0))),
                new BindingEvent(r.GetInt64(1), r.GetString(2), SqliteBindingStore.ImeiFromColumn(r.GetInt64(3)), SqliteBindingStore.ImeiFromColumn(r.GetInt64(4)), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6))));
        }

        return ((IReadOnlyList<SimEvent>)items, total);
    });

    private static void AddPage(SqliteCommand cmd, int page, int size)
    {
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$offset", (long)page * size);
    }
}
