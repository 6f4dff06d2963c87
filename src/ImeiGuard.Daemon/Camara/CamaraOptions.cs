namespace ImeiGuard.Daemon.Camara;

/// <summary>The CAMARA IoT SIM Fraud Prevention API (section "ImeiGuard:Camara"; docs/camara.md).</summary>
public sealed class CamaraOptions
{
    /// <summary>The Device identifiers accepted in request bodies. Default: all four.</summary>
    public static IReadOnlyList<string> AllIdentifiers { get; } = [DeviceIdentifierKinds.PhoneNumber, DeviceIdentifierKinds.NetworkAccessIdentifier, DeviceIdentifierKinds.Ipv4Address, DeviceIdentifierKinds.Ipv6Address];

    /// <summary>
    /// Device identifiers accepted in request bodies: phoneNumber, networkAccessIdentifier, ipv4Address, ipv6Address.
    /// Others are ignored; a device naming none of these is 422 UNSUPPORTED_IDENTIFIER. Empty (default): all four.
    /// </summary>
    public List<string> DeviceIdentifiers { get; set; } = [];

    /// <summary>Radius in metres of the CIRCLE an AREALIMIT bind draws around the SIM's current cell (cell database). Default 10,000.</summary>
    public int AreaLimitRadiusMeters { get; set; } = 10_000;

    /// <summary>Requests per caller (API key or token name) and window, over all CAMARA operations; beyond it 429 TOO_MANY_REQUESTS.</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The rate limit's fixed window. Default 10 s.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The identifiers in force: <see cref="DeviceIdentifiers"/>, or all when it is empty.</summary>
    public IReadOnlyList<string> EffectiveIdentifiers => DeviceIdentifiers.Count > 0 ? DeviceIdentifiers : AllIdentifiers;

    /// <summary>Problems with the settings, for validation at start; empty when they are sound.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var kind in DeviceIdentifiers)
        {
            if (!AllIdentifiers.Contains(kind))
            {
                yield return $"ImeiGuard:Camara:DeviceIdentifiers: unknown identifier '{kind}' (use {string.Join(", ", AllIdentifiers)})";
            }
        }

        if (AreaLimitRadiusMeters is < 1 or > 200_000)
        {
            yield return "ImeiGuard:Camara:AreaLimitRadiusMeters must be 1..200000 (the CAMARA CIRCLE range)";
        }

        if (RateLimitPermits < 1 || RateLimitWindow <= TimeSpan.Zero)
        {
            yield return "ImeiGuard:Camara: RateLimitPermits must be at least 1 and RateLimitWindow positive";
        }
    }
}

/// <summary>The names of the CAMARA Device object's identifiers.</summary>
internal static class DeviceIdentifierKinds
{
    public const string PhoneNumber = "phoneNumber";
    public const string NetworkAccessIdentifier = "networkAccessIdentifier";
    public const string Ipv4Address = "ipv4Address";
    public const string Ipv6Address = "ipv6Address";
}
