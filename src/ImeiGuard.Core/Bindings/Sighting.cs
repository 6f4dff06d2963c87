using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Where and when a SIM was seen, with which device. A value type so that the hot path can record
/// the last sighting in place without allocating.
/// </summary>
public readonly record struct Sighting
{
    /// <summary>When it was observed (event time from the record, else receive time), Unix milliseconds.</summary>
    public long AtUnixMs { get; init; }

    public Imei Imei { get; init; }

    public UserLocation Location { get; init; }

    /// <summary>NAS-IP-Address of the reporting gateway (packed IPv4), 0 when unknown.</summary>
    public uint NasIp { get; init; }

    /// <summary>True once anything was recorded.</summary>
    public bool IsPresent => AtUnixMs != 0;
}
