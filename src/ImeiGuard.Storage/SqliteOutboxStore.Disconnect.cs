using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Storage;

/// <summary>The Disconnect-Request side of the outbox, and the per-command history.</summary>
public sealed partial class SqliteOutboxStore
{
    public IReadOnlyList<OutboxEntry> GetBlocksAwaitingDisconnect(DateTimeOffset createdSince, int max) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM outbox WHERE disconnect_state = 0 AND kind = 'block' AND created_at_ms >= $since ORDER BY seq LIMIT $max";
        cmd.Parameters.AddWithValue("$since", createdSince.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$max", max);
        return ReadAll(cmd);
    });

    public void RecordDisconnect(long sequence, DisconnectOutcome outcome, int? radiusCode, string? detail, DateTimeOffset at) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE outbox SET disconnect_state = $state WHERE seq = $seq";
        cmd.Parameters.AddWithValue("$state", (int)outcome);
        cmd.Parameters.AddWithValue("$seq", sequence);
        AddEvent(c, tx, sequence, at, OutboxEventKinds.DisconnectPrefix + DisconnectOutcomes.Name(outcome), radiusCode, detail);
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<OutboxEvent> GetHistory(long sequence, string? tenant = null) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT seq, at_ms, kind, code, detail FROM outbox_events
            WHERE seq = $seq AND ($tenant IS NULL OR EXISTS (
                SELECT 1 FROM outbox o JOIN subscribers s ON s.imsi = o.imsi WHERE o.seq = $seq AND s.tenant = $tenant))
            ORDER BY id
            """;
        cmd.Parameters.AddWithValue("$seq", sequence);
        cmd.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<OutboxEvent>();
        while (r.Read())
        {
            list.Add(new OutboxEvent(
                r.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.GetString(2),
                r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetString(4)));
        }

        return (IReadOnlyList<OutboxEvent>)list;
    });
}
