namespace ImeiGuard.Protocols.Radius;

/// <summary>3GPP Vendor-Specific sub-attribute types (TS 29.061 §16.4.7.2; numbers as in the FreeRADIUS and Wireshark dictionaries).</summary>
public static class ThreeGppVendorTypes
{
    /// <summary>The 3GPP SMI Private Enterprise Number.</summary>
    public const uint VendorId = 10415;

    public const byte Imsi = 1;
    public const byte ChargingId = 2;
    public const byte ImsiMccMnc = 8;
    public const byte SgsnMccMnc = 18;
    public const byte Imeisv = 20;
    public const byte RatType = 21;
    public const byte UserLocationInfo = 22;
    public const byte MsTimeZone = 23;
}
