using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Ingest;

/// <summary>
/// One sighting of a SIM, whatever the source (RADIUS accounting, CHF record). A ref struct so that the
/// evidence text stays a slice of the received datagram: it is copied to strings only when a command
/// needs it, which is rare.
/// </summary>
public ref struct Observation
{
    public Imsi Imsi;
    public Msisdn Msisdn;
    public Pei Pei;
    public UserLocation Location;

    /// <summary>Event time from the record, else receive time; Unix milliseconds.</summary>
    public long AtUnixMs;

    public ObservationSource Source;

    /// <summary>Reporting gateway (packed IPv4), 0 when not reported.</summary>
    public uint NasIp;

    public ReadOnlySpan<byte> NasIdentifier;
    public ReadOnlySpan<byte> SessionId;

    /// <summary>User-Name of the session, empty when not reported (a Disconnect-Request identifier).</summary>
    public ReadOnlySpan<byte> UserName;

    /// <summary>Framed-IP-Address (UE IPv4, packed like <see cref="NasIp"/>), 0 when not reported.</summary>
    public uint FramedIp;

    /// <summary>The configured name of the trusted source that sent it.</summary>
    public string? SourceName;
}

/// <summary>Which interface reported an observation.</summary>
public enum ObservationSource : byte
{
    RadiusAccounting = 1,
    ChfRecord = 2,
    Replay = 3,
}
