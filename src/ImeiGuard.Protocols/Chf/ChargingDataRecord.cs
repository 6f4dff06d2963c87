using System.Diagnostics.CodeAnalysis;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// What <c>ChfRecordReader</c> extracted from one ChargingDataRequest (TS 32.291 V17.9.0). Every value is
/// decoded into a number or an enum, so the record holds no reference into the body: it can be kept, queued or
/// copied after the body's buffer is returned. A member that was absent leaves its field zero and its Has*
/// flag (or IsPresent / IsEmpty) says so.
/// </summary>
public struct ChargingDataRecord
{
    /// <summary>The operation, as the caller classified the HTTP path (<see cref="ChfPaths.TryClassify"/>).</summary>
    public ChfRequestKind Kind;

    /// <summary>Form of <c>subscriberIdentifier</c>.</summary>
    public ChfSupiKind SupiKind;

    /// <summary>The IMSI of an <c>imsi-</c> subscriberIdentifier.</summary>
    public Imsi Imsi;

    /// <summary>Form of <c>pDUSessionChargingInformation.userInformation.servedPEI</c>.</summary>
    public ChfPeiForm PeiForm;

    /// <summary>The IMEI (<see cref="PeiKind.Imei15"/>, with <see cref="Pei.LuhnOk"/>) or IMEISV (<see cref="PeiKind.Imeisv16"/>).</summary>
    public Pei Pei;

    /// <summary>Form of <c>pDUSessionChargingInformation.userInformation.servedGPSI</c>.</summary>
    public ChfGpsiKind GpsiKind;

    /// <summary>The MSISDN digits as a number (leading zeros are kept by <see cref="MsisdnLength"/>).</summary>
    public ulong MsisdnValue;

    /// <summary>Number of MSISDN digits (5..15), 0 when there is no MSISDN.</summary>
    public byte MsisdnLength;

    /// <summary><c>pDUSessionChargingInformation.userLocationinfo</c>: TAI + ECGI or 5GS TAI + NCGI.</summary>
    public UserLocation Location;

    /// <summary>
    /// <c>multipleUnitUsage[].usedUnitContainer[].pDUContainerInformation.userLocationInformation</c>, in document order:
    /// where the UE was during each reported period. The first <see cref="UsedUnitLocationCount"/> entries are filled.
    /// </summary>
    public UsedUnitLocationBuffer UsedUnitLocations;

    /// <summary>How many entries of <see cref="UsedUnitLocations"/> are filled.</summary>
    public byte UsedUnitLocationCount;

    /// <summary>Used-unit locations beyond <see cref="UsedUnitLocationBuffer.Capacity"/>, counted but not kept.</summary>
    public int UsedUnitLocationsDropped;

    /// <summary><c>pduAddress.pduIPv4Address</c>, a.b.c.d packed as a&lt;&lt;24 | b&lt;&lt;16 | c&lt;&lt;8 | d (as RADIUS Framed-IP-Address).</summary>
    public uint UeIpv4;

    public bool HasUeIpv4;

    /// <summary><c>pduAddress.pduIPv6AddresswithPrefix</c>, the first group in the most significant bits.</summary>
    public UInt128 UeIpv6;

    public bool HasUeIpv6;

    /// <summary><c>pduAddress.pduAddressprefixlength</c> (0..128).</summary>
    public byte UeIpv6PrefixLength;

    public bool HasUeIpv6PrefixLength;

    /// <summary><c>pduSessionInformation.ratType</c>.</summary>
    public ChfRatType RatType;

    /// <summary><c>pDUSessionChargingInformation.chargingId</c>, the PDU session's charging ID.</summary>
    public uint ChargingId;

    public bool HasChargingId;

    /// <summary>The top-level <c>chargingId</c> (Rel-17+).</summary>
    public uint RequestChargingId;

    public bool HasRequestChargingId;

    /// <summary><c>pduSessionInformation.pduSessionID</c> (0..255).</summary>
    public byte PduSessionId;

    public bool HasPduSessionId;

    /// <summary><c>pduSessionInformation.hPlmnId</c>: the subscriber's home PLMN (and so the MNC length of the IMSI).</summary>
    public PlmnId HomePlmn;

    /// <summary><c>pDUSessionChargingInformation.uetimeZone</c>.</summary>
    public UeTimeZone UeTimeZone;

    /// <summary><c>invocationSequenceNumber</c> (required).</summary>
    public uint InvocationSequenceNumber;

    /// <summary><c>invocationTimeStamp</c> (required), Unix milliseconds.</summary>
    public long InvocationTimeUnixMs;

    /// <summary>True when <c>nfConsumerIdentification</c> (required) was present; always true for an accepted request.</summary>
    public bool HasNfConsumerIdentification;

    /// <summary>
    /// The MSISDN packed like <see cref="Imsi.Packed"/>: digit count in the top 4 bits, value in the rest.
    /// 0 when there is no MSISDN.
    /// </summary>
    public readonly ulong MsisdnPacked => MsisdnLength == 0 ? 0 : ((ulong)MsisdnLength << 60) | MsisdnValue;

    /// <summary>The charging ID to correlate on: the PDU session's, else the top-level one; 0 when neither is present.</summary>
    public readonly uint EffectiveChargingId => HasChargingId ? ChargingId : RequestChargingId;

    /// <summary>The filled part of <see cref="UsedUnitLocations"/>.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<UserLocation> UsedUnitLocationSpan => ((ReadOnlySpan<UserLocation>)UsedUnitLocations)[..UsedUnitLocationCount];

    /// <summary>Writes the MSISDN digits as ASCII.</summary>
    public readonly bool TryFormatMsisdn(Span<byte> destination, out int written)
    {
        written = MsisdnLength;
        if (written == 0 || destination.Length < written)
        {
            written = 0;
            return false;
        }

        var value = MsisdnValue;
        for (var i = written - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return true;
    }
}
