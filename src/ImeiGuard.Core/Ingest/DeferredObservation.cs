using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Ingest;

/// <summary>
/// A heap copy of an <see cref="Observation"/>, for the rare records that are decided later (a near-cache
/// miss, a transition while the shared store is down). The evidence spans become owned arrays.
/// </summary>
public sealed class DeferredObservation
{
    private readonly byte[] _nasIdentifier;
    private readonly byte[] _sessionId;
    private readonly byte[] _userName;

    public DeferredObservation(in Observation observation)
    {
        Imsi = observation.Imsi;
        Msisdn = observation.Msisdn;
        Pei = observation.Pei;
        Location = observation.Location;
        AtUnixMs = observation.AtUnixMs;
        Source = observation.Source;
        NasIp = observation.NasIp;
        FramedIp = observation.FramedIp;
        SourceName = observation.SourceName;
        _nasIdentifier = observation.NasIdentifier.ToArray();
        _sessionId = observation.SessionId.ToArray();
        _userName = observation.UserName.ToArray();
    }

    public Imsi Imsi { get; }

    public Msisdn Msisdn { get; }

    public Pei Pei { get; }

    public UserLocation Location { get; }

    public long AtUnixMs { get; }

    public ObservationSource Source { get; }

    public uint NasIp { get; }

    public uint FramedIp { get; }

    public string? SourceName { get; }

    /// <summary>The observation again, its spans over this copy's arrays.</summary>
    public Observation ToObservation() => new()
    {
        Imsi = Imsi,
        Msisdn = Msisdn,
        Pei = Pei,
        Location = Location,
        AtUnixMs = AtUnixMs,
        Source = Source,
        NasIp = NasIp,
        FramedIp = FramedIp,
        SourceName = SourceName,
        NasIdentifier = _nasIdentifier,
        SessionId = _sessionId,
        UserName = _userName,
    };
}
