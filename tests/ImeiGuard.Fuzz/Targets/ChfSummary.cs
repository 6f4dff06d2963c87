using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Fuzz.Targets;

/// <summary>The decisive fields of one CHF record, comparable by value.</summary>
internal readonly record struct ChfSummary(
    Imsi Imsi,
    Pei Pei,
    ulong Msisdn,
    UserLocation Location,
    uint UeIpv4,
    UInt128 UeIpv6,
    uint ChargingId,
    int UsedUnitLocations,
    long InvocationTimeUnixMs)
{
    public static ChfSummary Of(in ChargingDataRecord record) => new(
        record.Imsi, record.Pei, record.MsisdnPacked, record.Location, record.UeIpv4, record.UeIpv6,
        record.EffectiveChargingId, record.UsedUnitLocationCount + record.UsedUnitLocationsDropped, record.InvocationTimeUnixMs);
}
