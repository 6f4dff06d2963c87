using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// Writes sightings inside one write transaction: a SIM's last_seen, the device as one of its pairings, and
/// the cloned-IMEI check. The three statements are prepared once per transaction and re-bound per row:
/// SQLite statements built per row were parsed per row, and a flush of 50,000 SIMs then held the write lock
/// for seconds (about 60 µs a row) while transitions waited behind it.
/// </summary>
internal sealed class SightingWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _cloneWindowMs;
    private SqliteCommand? _lastSeen;
    private SqliteCommand? _pairing;
    private SqliteCommand? _otherSim;

    public SightingWriter(SqliteConnection connection, SqliteTransaction transaction, long cloneWindowMs)
    {
        _connection = connection;
        _transaction = transaction;
        _cloneWindowMs = cloneWindowMs;
    }

    /// <summary>
    /// Updates only last_seen: a sighting flush must never overwrite a newer state that a transition wrote in between.
    /// </summary>
    public void WriteLastSeen(BindingRecord record)
    {
        var cmd = _lastSeen ??= Prepare("UPDATE bindings SET last_seen = $last WHERE imsi = $imsi", "$last", "$imsi");
        cmd.Parameters[0].Value = SightingCodec.Encode(record.LastSeen);
        cmd.Parameters[1].Value = unchecked((long)record.Imsi.Packed);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the last sighting's device as a pairing of the SIM, then looks for the same device on another SIM
    /// within the clone window. A hit is written as a cloned_imei event, once per SIM, device and window.
    /// </summary>
    /// <returns>1 when a cloned IMEI was recorded, else 0.</returns>
    public int WritePairing(BindingRecord record)
    {
        var seen = record.LastSeen;
        if (!seen.IsPresent || seen.Imei.IsEmpty)
        {
            return 0;
        }

        var imsi = unchecked((long)record.Imsi.Packed);
        var imei = SqliteBindingStore.ImeiColumn(seen.Imei);
        var upsert = _pairing ??= Prepare("""
            INSERT INTO pairings (imsi, imei, first_seen_ms, last_seen_ms) VALUES ($imsi, $imei, $at, $at)
            ON CONFLICT(imsi, imei) DO UPDATE SET first_seen_ms = min(first_seen_ms, excluded.first_seen_ms),
                last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)
            """, "$imsi", "$imei", "$at");
        upsert.Parameters[0].Value = imsi;
        upsert.Parameters[1].Value = imei;
        upsert.Parameters[2].Value = seen.AtUnixMs;
        upsert.ExecuteNonQuery();

        var other = _otherSim ??= Prepare("""
            SELECT p.imsi FROM pairings p
            WHERE p.imei = $imei AND p.imsi <> $imsi AND p.last_seen_ms >= $since
              AND NOT EXISTS (SELECT 1 FROM binding_history h WHERE h.imsi = $imsi AND h.kind = 'cloned_imei'
                              AND h.imei = $imei AND h.at_ms >= $since)
            LIMIT 1
            """, "$imsi", "$imei", "$since");
        other.Parameters[0].Value = imsi;
        other.Parameters[1].Value = imei;
        other.Parameters[2].Value = seen.AtUnixMs - _cloneWindowMs;
        if (other.ExecuteScalar() is not long otherImsi)
        {
            return 0;
        }

        SqliteBindingStore.WriteEvent(_connection, _transaction, record.Imsi, new BindingEvent(
            seen.AtUnixMs, "cloned_imei", seen.Imei, default, record.Episode, Imsi.FromPacked(unchecked((ulong)otherImsi)).ToString()));
        return 1;
    }

    private SqliteCommand Prepare(string sql, params ReadOnlySpan<string> parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _transaction;
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        cmd.Prepare();
        return cmd;
    }

    public void Dispose()
    {
        _lastSeen?.Dispose();
        _pairing?.Dispose();
        _otherSim?.Dispose();
    }
}
