using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Sessions;

/// <summary>What one Start or Interim-Update (or CHF create/update) says about a session. Passed by reference.</summary>
public readonly record struct SessionUpdate
{
    public Imsi Imsi { get; init; }

    /// <summary>UE IPv4, 0 when the record has none.</summary>
    public uint FramedIp { get; init; }

    /// <summary>UE IPv6 prefix, first bit in the most significant.</summary>
    public UInt128 Ipv6Prefix { get; init; }

    /// <summary>1..128; 0 when the record has no IPv6 address.</summary>
    public byte Ipv6PrefixLength { get; init; }

    public uint NasIp { get; init; }

    public long AtUnixMs { get; init; }

    /// <summary>The device the record reports; empty keeps the session's previous one.</summary>
    public Imei Device { get; init; }

    /// <summary>The record's location; absent keeps the session's previous one.</summary>
    public UserLocation Location { get; init; }
}
