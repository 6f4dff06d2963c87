using System.Buffers.Binary;
using System.Numerics;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Recognises retransmitted Accounting-Requests (RFC 5080 §2.2.2: same source address and port, Identifier and
/// Request Authenticator), so a NAS that did not get our answer in time causes one decision, not two. A fixed,
/// direct-mapped table: memory is <see cref="Capacity"/> slots whatever the traffic, nothing is allocated per
/// packet, and a newer request simply takes an older one's slot (evicting it).
/// </summary>
/// <remarks>
/// Why a collision is harmless: a full key is compared, so an evicted entry can only make a retransmission look
/// new; it is then decided again, and decisions are idempotent (a repeated violation writes no second block).
/// It is only consulted after the authenticators verified, so a forged copy cannot claim a slot and make the
/// genuine request look like a duplicate.
/// </remarks>
internal sealed class DuplicateRequestCache
{
    private const int Stripes = 64;

    private readonly Entry[] _slots;
    private readonly Lock[] _locks;
    private readonly long _windowMs;

    /// <param name="capacity">Slots (rounded up to a power of two); 0 turns the cache off.</param>
    /// <param name="window">How long a request is remembered; retransmissions come seconds apart.</param>
    public DuplicateRequestCache(int capacity, TimeSpan window)
    {
        Capacity = capacity <= 0 || window <= TimeSpan.Zero ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new Entry[Capacity];
        _locks = new Lock[Stripes];
        for (var i = 0; i < Stripes; i++)
        {
            _locks[i] = new Lock();
        }

        _windowMs = (long)window.TotalMilliseconds;
    }

    public int Capacity { get; }

    /// <summary>
    /// True when the same request was seen within the window; otherwise remembers it and returns false.
    /// <paramref name="packet"/> is the verified request (at least the 20-octet header).
    /// </summary>
    public bool IsDuplicate(UInt128 source, ushort port, ReadOnlySpan<byte> packet, long nowMs)
    {
        if (Capacity == 0)
        {
            return false;
        }

        var identifier = packet[1];
        var authenticator = BinaryPrimitives.ReadUInt128BigEndian(packet[4..]);
        var hash = HashCode.Combine(source, port, identifier, authenticator);
        var index = hash & (Capacity - 1);
        lock (_locks[index & (Stripes - 1)])
        {
            ref var slot = ref _slots[index];
            if (slot.Authenticator == authenticator && slot.Source == source && slot.Port == port && slot.Identifier == identifier
                && nowMs - slot.SeenMs <= _windowMs)
            {
                return true;
            }

            slot = new Entry(source, authenticator, nowMs, port, identifier);
            return false;
        }
    }

    private readonly record struct Entry(UInt128 Source, UInt128 Authenticator, long SeenMs, ushort Port, byte Identifier);
}
