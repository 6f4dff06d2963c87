using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Sessions;

/// <summary>
/// A live data session as accounting reports it: which SIM holds which UE address on which NAS.
/// Mutable in place so Interim-Updates cost no allocation.
/// </summary>
public sealed class ActiveSession
{
    public ActiveSession(SessionKey key) => Key = key;

    public SessionKey Key { get; }

    public Imsi Imsi { get; internal set; }

    /// <summary>UE IPv4 (Framed-IP-Address), 0 when none.</summary>
    public uint FramedIp { get; internal set; }

    /// <summary>NAS-IP-Address, 0 when none (then the NAS is known by name).</summary>
    public uint NasIp { get; internal set; }

    public long StartedUnixMs { get; internal set; }

    public long LastUpdateUnixMs { get; internal set; }
}
