using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Fuzz.Targets;

/// <summary>The decisive fields of one parse, comparable by value.</summary>
internal readonly record struct RadiusSummary(
    RadiusParseError Error,
    RadiusParseError ValueError,
    AcctStatusType StatusType,
    Imsi Imsi,
    Pei Pei,
    UserLocation Location,
    uint EventTimestamp,
    uint FramedIp,
    int UserNameLength,
    int SessionIdLength)
{
    public static RadiusSummary Of(RadiusParseError error, in AccountingRequest request) => new(
        error, request.ValueError, request.StatusType, request.Imsi, request.Pei, request.Location,
        request.EventTimestamp, request.FramedIpAddress, request.UserName.Length, request.AcctSessionId.Length);
}
