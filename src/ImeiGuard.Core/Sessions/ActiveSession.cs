using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Sessions;

/// <summary>
/// A live data session as accounting reports it: which SIM holds which UE addresses on which NAS, and the
/// device and location its latest record reported. Mutable in place so Interim-Updates cost no allocation;
/// writers and <see cref="Snapshot"/> lock the object itself, so a reader never sees half an update.
/// </summary>
public sealed class ActiveSession
{
    public ActiveSession(SessionKey key) => Key = key;

    public SessionKey Key { get; }

    public Imsi Imsi { get; internal set; }

    /// <summary>UE IPv4 (Framed-IP-Address), 0 when none.</summary>
    public uint FramedIp { get; internal set; }

    /// <summary>UE IPv6 prefix (Framed-IPv6-Prefix, or the CHF PDU address), first bit in the most significant.</summary>
    public UInt128 Ipv6Prefix { get; internal set; }

    /// <summary>Length of <see cref="Ipv6Prefix"/> in bits; 0 when the session has no IPv6 address.</summary>
    public byte Ipv6PrefixLength { get; internal set; }

    /// <summary>NAS-IP-Address, 0 when none (then the NAS is known by name).</summary>
    public uint NasIp { get; internal set; }

    public long StartedUnixMs { get; internal set; }

    public long LastUpdateUnixMs { get; internal set; }

    /// <summary>The device of the latest record that named one (empty until a record carries an IMEI).</summary>
    public Imei Device { get; internal set; }

    /// <summary>The location of the latest record that carried one.</summary>
    public UserLocation Location { get; internal set; }

    /// <summary>A consistent copy of what the session's records said, for the control plane.</summary>
    public SessionSnapshot Snapshot()
    {
        lock (this)
        {
            return new SessionSnapshot(Imsi, Device, Location, NasIp, LastUpdateUnixMs);
        }
    }
}

/// <summary>What a live session says about its SIM at one moment: the device, the location and when.</summary>
public readonly record struct SessionSnapshot(Imsi Imsi, Imei Device, UserLocation Location, uint NasIp, long AtUnixMs);
