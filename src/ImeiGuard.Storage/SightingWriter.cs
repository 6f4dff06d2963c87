using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// Writes sightings inside one write transaction: a SIM's last_seen, the device as one of its pairings, and
/// the cloned-IMEI check. The three statements are prepared once per transaction and re-bound per row:
/// SQLite statements built per row were parsed per row, and a flush of 50,000 SIMs then held the write lock
/// for seconds (about 60 µs a row) while transitions waited behind it. They are bound through
/// <see cref="RawStatement"/>, so a row allocates nothing.
/// </summary>
internal sealed class SightingWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _cloneWindowMs;
    private RawStatement? _lastSeen;
    private RawStatement? _pairing;
    private RawStatement? _otherSim;

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
        var cmd = _lastSeen ??= new RawStatement(_connection, "UPDATE bindings SET last_seen = ?1 WHERE imsi = ?2");
        Span<byte> encoded = stackalloc byte[SightingCodec.Size];
        SightingCodec.Write(encoded, record.LastSeen);
        cmd.Bind(1, encoded);
        cmd.Bind(2, unchecked((long)record.Imsi.Packed));
        cmd.Step();
        cmd.Reset();
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
        var upsert = _pairing ??= new RawStatement(_connection, """
            INSERT INTO pairings (imsi, imei, first_seen_ms, last_seen_ms) VALUES (?1, ?2, ?3, ?3)
            ON CONFLICT(imsi, imei) DO UPDATE SET first_seen_ms = min(first_seen_ms, excluded.first_seen_ms),
                last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)
            """);
        upsert.Bind(1, imsi);
        upsert.Bind(2, imei);
        upsert.Bind(3, seen.AtUnixMs);
        upsert.Step();
        upsert.Reset();

        var other = _otherSim ??= new RawStatement(_connection, """
            SELECT p.imsi FROM pairings p
            WHERE p.imei = ?2 AND p.imsi <> ?1 AND p.last_seen_ms >= ?3
              AND NOT EXISTS (SELECT 1 FROM binding_history h WHERE h.imsi = ?1 AND h.kind = 'cloned_imei'
                              AND h.imei = ?2 AND h.at_ms >= ?3)
            LIMIT 1
            """);
        other.Bind(1, imsi);
        other.Bind(2, imei);
        other.Bind(3, seen.AtUnixMs - _cloneWindowMs);
        var found = other.Step();
        var otherImsi = found ? other.Int64(0) : 0;
        other.Reset();
        if (!found)
        {
            return 0;
        }

        SqliteBindingStore.WriteEvent(_connection, _transaction, record.Imsi, new BindingEvent(
            seen.AtUnixMs, "cloned_imei", seen.Imei, default, record.Episode, Imsi.FromPacked(unchecked((ulong)otherImsi)).ToString()));
        return 1;
    }

    public void Dispose()
    {
        _lastSeen?.Dispose();
        _pairing?.Dispose();
        _otherSim?.Dispose();
    }
}
