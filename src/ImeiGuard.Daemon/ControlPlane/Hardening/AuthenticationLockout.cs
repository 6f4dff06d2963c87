using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Rejected bearer tokens per client address, and the addresses locked out because of them. Failures are counted in a
/// fixed window per address; reaching <see cref="LockoutOptions.MaxFailures"/> locks the address for
/// <see cref="LockoutOptions.Duration"/>. A successful authentication does not reset the count, so one valid
/// low-privilege key cannot be used to keep guessing others. The table holds at most
/// <see cref="LockoutOptions.MaxTrackedAddresses"/> entries.
/// </summary>
internal sealed class AuthenticationLockout
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly LockoutOptions _options;
    private readonly TimeProvider _time;

    public AuthenticationLockout(IOptions<ControlPlaneOptions> options, TimeProvider time)
    {
        _options = options.Value.Lockout;
        _time = time;
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Entries in the table (for tests and the gauge; takes the dictionary's locks, so not for the request path).</summary>
    public int TrackedAddresses => _entries.Count;

    /// <summary>Whether <paramref name="address"/> is locked out now, and for how much longer. Lock-free: runs on every authenticated request.</summary>
    public bool IsLockedOut(IPAddress address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_entries.TryGetValue(KeyOf(address), out var entry))
        {
            return false;
        }

        var remaining = Volatile.Read(ref entry.LockedUntilTicks) - _time.GetUtcNow().UtcTicks;
        if (remaining <= 0)
        {
            return false;
        }

        retryAfter = TimeSpan.FromTicks(remaining);
        return true;
    }

    /// <summary>Counts one rejected token from <paramref name="address"/>; true when this failure started a lockout.</summary>
    public bool RecordFailure(IPAddress address)
    {
        var key = KeyOf(address);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= _options.MaxTrackedAddresses && !MakeRoom(now))
                {
                    AbuseMetrics.LockoutUntracked.Inc();
                    return false;
                }

                entry = new Entry { WindowStartTicks = now };
                _entries[key] = entry;
                AbuseMetrics.TrackedAddresses.Set(_entries.Count);
            }

            if (entry.LockedUntilTicks > now)
            {
                return false;
            }

            if (now - entry.WindowStartTicks >= _options.Window.Ticks)
            {
                entry.WindowStartTicks = now;
                entry.Failures = 0;
            }

            if (++entry.Failures < _options.MaxFailures)
            {
                return false;
            }

            entry.Failures = 0;
            entry.WindowStartTicks = now;
            Volatile.Write(ref entry.LockedUntilTicks, now + _options.Duration.Ticks);
            AbuseMetrics.Lockouts.Inc();
            return true;
        }
    }

    /// <summary>
    /// Drops every entry that is not a live lockout: their partial counts are the cheapest state to lose. One scan
    /// frees many slots, so a full table costs a scan per batch of new addresses, not per failure. False when every
    /// entry is a live lockout; those are kept, and the new address goes untracked rather than freeing a locked one.
    /// </summary>
    private bool MakeRoom(long now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntilTicks <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        AbuseMetrics.TrackedAddresses.Set(_entries.Count);
        return _entries.Count < _options.MaxTrackedAddresses;
    }

    /// <summary>IPv4 (and IPv4-mapped IPv6) by address, other IPv6 by its <see cref="LockoutOptions.Ipv6PrefixLength"/> prefix.</summary>
    private IPAddress KeyOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || _options.Ipv6PrefixLength >= 128)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var whole = _options.Ipv6PrefixLength / 8;
        var bits = _options.Ipv6PrefixLength % 8;
        if (bits != 0)
        {
            bytes[whole++] &= (byte)(0xFF << (8 - bits));
        }

        bytes[whole..].Clear();

        return new IPAddress(bytes);
    }

    /// <summary>One address's state; written under the gate, <see cref="LockedUntilTicks"/> also read without it.</summary>
    private sealed class Entry
    {
        public long WindowStartTicks;
        public int Failures;
        public long LockedUntilTicks;
    }
}
