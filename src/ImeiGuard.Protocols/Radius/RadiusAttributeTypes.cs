namespace ImeiGuard.Protocols.Radius;

/// <summary>Standard attribute types that ImeiGuard reads or writes (RFC 2865 §5, RFC 2866 §5, RFC 2869, RFC 3162, RFC 4818).</summary>
public static class RadiusAttributeTypes
{
    public const byte UserName = 1;
    public const byte NasIpAddress = 4;
    public const byte FramedIpAddress = 8;
    public const byte Class = 25;
    public const byte VendorSpecific = 26;
    public const byte CalledStationId = 30;
    public const byte CallingStationId = 31;
    public const byte NasIdentifier = 32;
    public const byte AcctStatusType = 40;
    public const byte AcctSessionId = 44;
    public const byte EventTimestamp = 55;
    public const byte MessageAuthenticator = 80;
    public const byte FramedIpv6Prefix = 97;
    public const byte DelegatedIpv6Prefix = 123;
}
