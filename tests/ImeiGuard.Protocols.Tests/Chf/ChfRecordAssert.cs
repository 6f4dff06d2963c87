using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Field-by-field equality of two records (the inline location buffer defeats ValueType.Equals).</summary>
internal static class ChfRecordAssert
{
    public static void Same(in ChargingDataRecord expected, in ChargingDataRecord actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.SupiKind, actual.SupiKind);
        Assert.Equal(expected.Imsi, actual.Imsi);
        Assert.Equal(expected.PeiForm, actual.PeiForm);
        Assert.Equal(expected.Pei, actual.Pei);
        Assert.Equal(expected.GpsiKind, actual.GpsiKind);
        Assert.Equal(expected.MsisdnPacked, actual.MsisdnPacked);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.UsedUnitLocationCount, actual.UsedUnitLocationCount);
        Assert.Equal(expected.UsedUnitLocationsDropped, actual.UsedUnitLocationsDropped);
        Assert.True(expected.UsedUnitLocationSpan.SequenceEqual(actual.UsedUnitLocationSpan));
        Assert.Equal((expected.HasUeIpv4, expected.UeIpv4), (actual.HasUeIpv4, actual.UeIpv4));
        Assert.Equal((expected.HasUeIpv6, expected.UeIpv6), (actual.HasUeIpv6, actual.UeIpv6));
        Assert.Equal((expected.HasUeIpv6PrefixLength, expected.UeIpv6PrefixLength), (actual.HasUeIpv6PrefixLength, actual.UeIpv6PrefixLength));
        Assert.Equal(expected.RatType, actual.RatType);
        Assert.Equal((expected.HasChargingId, expected.ChargingId), (actual.HasChargingId, actual.ChargingId));
        Assert.Equal((expected.HasRequestChargingId, expected.RequestChargingId), (actual.HasRequestChargingId, actual.RequestChargingId));
        Assert.Equal((expected.HasPduSessionId, expected.PduSessionId), (actual.HasPduSessionId, actual.PduSessionId));
        Assert.Equal(expected.HomePlmn, actual.HomePlmn);
        Assert.Equal(expected.UeTimeZone, actual.UeTimeZone);
        Assert.Equal(expected.InvocationSequenceNumber, actual.InvocationSequenceNumber);
        Assert.Equal(expected.InvocationTimeUnixMs, actual.InvocationTimeUnixMs);
        Assert.Equal(expected.HasNfConsumerIdentification, actual.HasNfConsumerIdentification);
    }
}
