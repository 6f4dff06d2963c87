using System.Collections.Concurrent;

namespace ImeiGuard.Core.Sessions;

/// <summary>
/// Finds the session whose UE IPv6 prefix covers an address. 3GPP gives each PDN connection or PDU session a
/// /64 (TS 23.401 §5.3.1.2.2, TS 23.501 §5.8.2.2.3), but gateways may report a /128 or a shorter delegated
/// prefix, so entries are keyed by (masked prefix, length) and a lookup tries each length the table holds,
/// longest first. Only lengths ever seen are tried: in practice one or two dictionary lookups.
/// </summary>
internal sealed class Ipv6PrefixIndex
{
    private readonly ConcurrentDictionary<Ipv6Key, SessionKey> _sessions = new();

    // Bit (length - 1) is set once a prefix of that length was indexed; never cleared (a stale bit costs one lookup).
    private ulong _lengthsUpTo64;
    private ulong _lengthsAbove64;

    /// <summary>Points the prefix at <paramref name="session"/>; writes only when it changed, so an Interim allocates nothing.</summary>
    public void Set(UInt128 prefix, byte length, SessionKey session)
    {
        var key = Ipv6Key.Of(prefix, length);
        if (_sessions.TryGetValue(key, out var held) && held == session)
        {
            return;
        }

        _sessions[key] = session;
        if (length <= 64)
        {
            Interlocked.Or(ref _lengthsUpTo64, 1UL << (length - 1));
        }
        else
        {
            Interlocked.Or(ref _lengthsAbove64, 1UL << (length - 65));
        }
    }

    /// <summary>Removes the entry if it still points at <paramref name="session"/> (another session may have taken the prefix since).</summary>
    public void Remove(UInt128 prefix, byte length, SessionKey session) =>
        _sessions.TryRemove(new KeyValuePair<Ipv6Key, SessionKey>(Ipv6Key.Of(prefix, length), session));

    /// <summary>The session whose prefix covers <paramref name="address"/>, longest prefix first.</summary>
    public bool TryFind(UInt128 address, out SessionKey session)
    {
        for (var length = 128; length >= 1; length--)
        {
            var seen = length > 64 ? (Volatile.Read(ref _lengthsAbove64) >> (length - 65)) & 1 : (Volatile.Read(ref _lengthsUpTo64) >> (length - 1)) & 1;
            if (seen != 0 && _sessions.TryGetValue(Ipv6Key.Of(address, (byte)length), out session))
            {
                return true;
            }
        }

        session = default;
        return false;
    }

    private readonly record struct Ipv6Key(UInt128 Prefix, byte Length)
    {
        public static Ipv6Key Of(UInt128 address, byte length) => new(address & (UInt128.MaxValue << (128 - length)), length);
    }
}
