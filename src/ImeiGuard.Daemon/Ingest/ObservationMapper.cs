using ImeiGuard.Core.Ingest;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Turns an accepted Accounting-Request into the <see cref="Observation"/> that <c>BindingEnforcer</c> decides
/// on. Shared by the live UDP path and offline replay, so that a backtest decides on exactly the fields the
/// daemon would. Allocates nothing: text stays a slice of the datagram.
/// </summary>
internal static class ObservationMapper
{
    /// <summary>
    /// True for the records that report a SIM in a device: Start, Interim-Update and Stop (RFC 2866 §5.1).
    /// Accounting-On/Off concern the NAS and name no subscriber.
    /// </summary>
    public static bool CarriesSubscriber(AcctStatusType status) =>
        status is AcctStatusType.Start or AcctStatusType.InterimUpdate or AcctStatusType.Stop;

    /// <summary>
    /// The observation of <paramref name="request"/>. Its time is the Event-Timestamp when the record has one,
    /// else <paramref name="fallbackUnixMs"/> (the receive time live, the capture time in a replay). The MSISDN
    /// comes from Calling-Station-Id when that holds one.
    /// </summary>
    public static Observation FromAccountingRequest(
        in AccountingRequest request,
        string? sourceName,
        long fallbackUnixMs,
        ObservationSource source)
    {
        Msisdn.TryParse(request.CallingStationId, out var msisdn);
        return new Observation
        {
            Imsi = request.Imsi,
            Msisdn = msisdn,
            Pei = request.Pei,
            Location = request.Location,
            AtUnixMs = request.HasEventTimestamp ? request.EventTimestamp * 1000L : fallbackUnixMs,
            Source = source,
            NasIp = request.HasNasIpAddress ? request.NasIpAddress : 0,
            NasIdentifier = request.NasIdentifier,
            SessionId = request.AcctSessionId,
            UserName = request.UserName,
            FramedIp = request.HasFramedIpAddress ? request.FramedIpAddress : 0,
            SourceName = sourceName,
        };
    }
}
