using System.Collections.Concurrent;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Sessions;

/// <summary>
/// Live sessions from Start / Interim-Update / Stop, and the per-NAS resets of Accounting-On/Off
/// (RFC 2866 §5.1: the NAS restarted, so all its sessions ended). Bounded: when <see cref="Capacity"/> is
/// reached, sessions idle longer than the idle timeout are evicted (their Stop was lost); if none is, new
/// sessions are not tracked (and counted), so a flood of fake session ids cannot exhaust memory.
/// Also answers "which SIM holds this UE address, and with which device and where" for the control plane.
/// </summary>
public sealed class SessionTable
{
    private readonly ConcurrentDictionary<SessionKey, ActiveSession> _sessions = new();
    private readonly ConcurrentDictionary<uint, SessionKey> _byFramedIp = new();
    private readonly Ipv6PrefixIndex _byIpv6 = new();

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

    // Counted by hand: ConcurrentDictionary.Count takes every bucket lock, too dear for a check on each new session.
    public int Count => Volatile.Read(ref _count);

    private int _count;

    /// <summary>Sessions not tracked because the table was full.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    private long _rejected;

    /// <summary>Start or Interim-Update with the subscriber and addresses only. Returns false when the table is full.</summary>
    public bool Upsert(SessionKey key, Imsi imsi, uint framedIp, uint nasIp, long atUnixMs) =>
        Upsert(key, new SessionUpdate { Imsi = imsi, FramedIp = framedIp, NasIp = nasIp, AtUnixMs = atUnixMs });

    /// <summary>Start or Interim-Update. Returns false when the table is full. Allocates only for a new session or a new address.</summary>
    public bool Upsert(SessionKey key, in SessionUpdate update)
    {
        if (!_sessions.TryGetValue(key, out var session))
        {
            if (Count >= Capacity && !TryMakeRoom(update.AtUnixMs))
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            var fresh = new ActiveSession(key);
            session = _sessions.GetOrAdd(key, fresh);
            if (ReferenceEquals(session, fresh))
            {
                Interlocked.Increment(ref _count);
            }
        }

        lock (session)
        {
            if (session.StartedUnixMs == 0)
            {
                session.StartedUnixMs = update.AtUnixMs;
            }

            if (session.FramedIp != update.FramedIp && session.FramedIp != 0)
            {
                _byFramedIp.TryRemove(new KeyValuePair<uint, SessionKey>(session.FramedIp, key));
            }

            if (session.Ipv6PrefixLength != 0 && (session.Ipv6PrefixLength != update.Ipv6PrefixLength || session.Ipv6Prefix != update.Ipv6Prefix))
            {
                _byIpv6.Remove(session.Ipv6Prefix, session.Ipv6PrefixLength, key);
            }

            session.Imsi = update.Imsi;
            session.FramedIp = update.FramedIp;
            session.Ipv6Prefix = update.Ipv6Prefix;
            session.Ipv6PrefixLength = update.Ipv6PrefixLength;
            session.NasIp = update.NasIp;
            session.LastUpdateUnixMs = update.AtUnixMs;
            if (!update.Device.IsEmpty)
            {
                session.Device = update.Device;
            }

            if (update.Location.IsPresent)
            {
                session.Location = update.Location;
            }
        }

        // The dictionary replaces a node (an allocation) on every write of a 16-byte value: write only on change.
        if (update.FramedIp != 0 && (!_byFramedIp.TryGetValue(update.FramedIp, out var holder) || holder != key))
        {
            _byFramedIp[update.FramedIp] = key;
        }

        if (update.Ipv6PrefixLength != 0)
        {
            _byIpv6.Set(update.Ipv6Prefix, update.Ipv6PrefixLength, key);
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
            return Count < Capacity;
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

        return Count < Capacity;
    }

    /// <summary>Stop: the session ended.</summary>
    public bool Remove(SessionKey key)
    {
        if (!_sessions.TryRemove(key, out var session))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);

        if (session.FramedIp != 0)
        {
            _byFramedIp.TryRemove(new KeyValuePair<uint, SessionKey>(session.FramedIp, key));
        }

        if (session.Ipv6PrefixLength != 0)
        {
            _byIpv6.Remove(session.Ipv6Prefix, session.Ipv6PrefixLength, key);
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

    /// <summary>The SIM whose IPv6 prefix covers <paramref name="address"/>, if any.</summary>
    public bool TryFindByIpv6(UInt128 address, out ActiveSession? session)
    {
        session = null;
        return _byIpv6.TryFind(address, out var key) && _sessions.TryGetValue(key, out session);
    }

    /// <summary>
    /// The SIM's most recently updated live session, if it has one. Scans the table (there is no index by IMSI,
    /// which would cost memory on every session): for control-plane calls only, never per packet.
    /// </summary>
    public ActiveSession? FindLatest(Imsi imsi)
    {
        ActiveSession? latest = null;
        foreach (var pair in _sessions)
        {
            var session = pair.Value;
            if (session.Imsi == imsi && (latest is null || session.LastUpdateUnixMs > latest.LastUpdateUnixMs))
            {
                latest = session;
            }
        }

        return latest;
    }
}
