using System.Collections.Concurrent;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Sessions;

/// <summary>
/// Live sessions from Start / Interim-Update / Stop, and the per-NAS resets of Accounting-On/Off
/// (RFC 2866 §5.1: the NAS restarted, so all its sessions ended). Bounded: when <see cref="Capacity"/> is
/// reached, sessions idle longer than the idle timeout are evicted (their Stop was lost); if none is, new
/// sessions are not tracked (and counted), so a flood of fake session ids cannot exhaust memory.
/// Also answers "which SIM holds this UE address" for the control plane.
/// </summary>
public sealed class SessionTable
{
    private readonly ConcurrentDictionary<SessionKey, ActiveSession> _sessions = new();
    private readonly ConcurrentDictionary<uint, SessionKey> _byFramedIp = new();

    private readonly long _idleTimeoutMs;
    private readonly Action<int>? _onEvicted;
    private long _lastSweepMs = long.MinValue;

    /// <param name="capacity">Most sessions tracked.</param>
    /// <param name="idleTimeout">When full, sessions without an update for this long are evicted; zero: never.</param>
    /// <param name="onEvicted">Told how many sessions a sweep evicted (a metric).</param>
    public SessionTable(int capacity = 2_000_000, TimeSpan idleTimeout = default, Action<int>? onEvicted = null)
    {
        Capacity = capacity;
        _idleTimeoutMs = (long)idleTimeout.TotalMilliseconds;
        _onEvicted = onEvicted;
    }

    public int Capacity { get; }

    public int Count => _sessions.Count;

    /// <summary>Sessions not tracked because the table was full.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    private long _rejected;

    /// <summary>Start or Interim-Update. Returns false when the table is full.</summary>
    public bool Upsert(SessionKey key, Imsi imsi, uint framedIp, uint nasIp, long atUnixMs)
    {
        if (!_sessions.TryGetValue(key, out var session))
        {
            if (_sessions.Count >= Capacity && !TryMakeRoom(atUnixMs))
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            session = _sessions.GetOrAdd(key, static k => new ActiveSession(k));
            if (session.StartedUnixMs == 0)
            {
                session.StartedUnixMs = atUnixMs;
            }
        }

        if (session.FramedIp != framedIp && session.FramedIp != 0)
        {
            _byFramedIp.TryRemove(new KeyValuePair<uint, SessionKey>(session.FramedIp, key));
        }

        session.Imsi = imsi;
        session.FramedIp = framedIp;
        session.NasIp = nasIp;
        session.LastUpdateUnixMs = atUnixMs;
        if (framedIp != 0)
        {
            _byFramedIp[framedIp] = key;
        }

        return true;
    }

    /// <summary>
    /// Evicts sessions idle longer than the idle timeout. Why rate-limited: a sweep walks the whole table, so it
    /// runs at most once per tenth of the timeout; in between, a full table rejects new sessions cheaply.
    /// </summary>
    private bool TryMakeRoom(long nowMs)
    {
        var last = Interlocked.Read(ref _lastSweepMs);
        var sweptRecently = last != long.MinValue && nowMs - last < _idleTimeoutMs / 10;
        if (_idleTimeoutMs <= 0 || sweptRecently || Interlocked.CompareExchange(ref _lastSweepMs, nowMs, last) != last)
        {
            return _sessions.Count < Capacity;
        }

        var cutoff = nowMs - _idleTimeoutMs;
        var evicted = 0;
        foreach (var pair in _sessions)
        {
            if (pair.Value.LastUpdateUnixMs < cutoff && Remove(pair.Key))
            {
                evicted++;
            }
        }

        if (evicted > 0)
        {
            _onEvicted?.Invoke(evicted);
        }

        return _sessions.Count < Capacity;
    }

    /// <summary>Stop: the session ended.</summary>
    public bool Remove(SessionKey key)
    {
        if (!_sessions.TryRemove(key, out var session))
        {
            return false;
        }

        if (session.FramedIp != 0)
        {
            _byFramedIp.TryRemove(new KeyValuePair<uint, SessionKey>(session.FramedIp, key));
        }

        return true;
    }

    /// <summary>Accounting-On/Off: every session of that NAS ended. Returns how many were removed.</summary>
    public int RemoveNas(ulong nasKey)
    {
        var removed = 0;
        foreach (var pair in _sessions)
        {
            if (pair.Key.NasKey == nasKey && Remove(pair.Key))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The SIM currently holding a UE IPv4 address, if any.</summary>
    public bool TryFindByFramedIp(uint framedIp, out ActiveSession? session)
    {
        session = null;
        return _byFramedIp.TryGetValue(framedIp, out var key) && _sessions.TryGetValue(key, out session);
    }
}
