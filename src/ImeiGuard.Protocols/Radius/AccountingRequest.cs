using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// What <see cref="AccountingRequestParser"/> extracted from one Accounting-Request (RFC 2866, 3GPP VSAs
/// of TS 29.061). Text values are slices of the datagram, so nothing is allocated: a caller that keeps a
/// value beyond the datagram's lifetime must copy it.
/// </summary>
public ref struct AccountingRequest
{
    public byte Code;
    public byte Identifier;
    public ushort Length;
    public ReadOnlySpan<byte> Authenticator;

    public AcctStatusType StatusType;
    public bool HasStatusType;

    public ReadOnlySpan<byte> UserName;
    public ReadOnlySpan<byte> CallingStationId;
    public ReadOnlySpan<byte> CalledStationId;
    public ReadOnlySpan<byte> NasIdentifier;
    public ReadOnlySpan<byte> AcctSessionId;

    /// <summary>NAS-IP-Address in network order packed into a uint (a.b.c.d = a&lt;&lt;24 | …).</summary>
    public uint NasIpAddress;
    public bool HasNasIpAddress;

    /// <summary>Framed-IP-Address (UE IPv4), packed as <see cref="NasIpAddress"/>.</summary>
    public uint FramedIpAddress;
    public bool HasFramedIpAddress;

    public Ipv6Prefix FramedIpv6Prefix;
    public Ipv6Prefix DelegatedIpv6Prefix;

    /// <summary>Event-Timestamp, Unix seconds.</summary>
    public uint EventTimestamp;
    public bool HasEventTimestamp;

    public Imsi Imsi;
    public ImsiSource ImsiSource;

    public Pei Pei;

    /// <summary>3GPP-IMSI-MCC-MNC: the home PLMN, and the only reliable MNC length for the IMSI.</summary>
    public PlmnId ImsiMccMnc;

    /// <summary>3GPP-SGSN-MCC-MNC: the serving (visited) PLMN.</summary>
    public PlmnId SgsnMccMnc;

    public byte RatType;
    public bool HasRatType;

    public UserLocation Location;

    /// <summary>3GPP-MS-TimeZone raw octets (octet 1 TZ, octet 2 DST), 0 when absent.</summary>
    public ushort MsTimeZone;
    public bool HasMsTimeZone;

    public bool HasMessageAuthenticator;

    /// <summary>The first attribute-scope problem found (the value was ignored), or <see cref="RadiusParseError.None"/>.</summary>
    public RadiusParseError ValueError;

    /// <summary>The packet itself: the datagram cut to the header's Length (padding removed). Pass this to
    /// <see cref="RadiusAuthenticator.VerifyRequest"/>.</summary>
    public ReadOnlySpan<byte> Packet;

    /// <summary>The raw 3GPP-User-Location-Info value (type octet first), also when it could not be decoded; for display.</summary>
    public ReadOnlySpan<byte> UserLocationInfoRaw;

    /// <summary>The raw 3GPP-IMEISV value (ASCII or binary TBCD), also when it could not be decoded; for display.</summary>
    public ReadOnlySpan<byte> ImeisvRaw;
}

/// <summary>Where <see cref="AccountingRequest.Imsi"/> came from.</summary>
public enum ImsiSource : byte
{
    None = 0,
    ThreeGppImsi,
    UserName,
    UserNameNai,
}

/// <summary>An IPv6 prefix (RFC 3162 §2.3 layout, zero-padded to 16 octets).</summary>
public readonly record struct Ipv6Prefix(UInt128 Prefix, byte PrefixLength, bool IsPresent);
