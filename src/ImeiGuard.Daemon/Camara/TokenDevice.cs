using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// The device a 3-legged token was issued for (<see cref="Caller.Device"/>, claim "device"). Accepted forms:
/// <c>tel:+E164</c> (phone number), <c>imsi:DIGITS</c> (the SIM itself), <c>nai:LOCAL@REALM</c>,
/// <c>ipv4:A.B.C.D</c> and <c>ipv6:ADDRESS</c> (the UE address the network assigned). Documented in docs/camara.md.
/// </summary>
internal static class TokenDevice
{
    public static bool TryParse(string claim, out ParsedDevice? device)
    {
        device = null;
        var colon = claim.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1)
        {
            return false;
        }

        var value = claim[(colon + 1)..];
        device = claim[..colon].ToLowerInvariant() switch
        {
            "tel" when DeviceReader.IsE164(value) && Msisdn.TryParse(value, out var msisdn) => new ParsedDevice { PhoneNumber = msisdn },
            "imsi" when Imsi.TryParse(value, out var imsi) => new ParsedDevice { Imsi = imsi },
            "nai" when NetworkAccessIdentifiers.IsValid(value) => new ParsedDevice { NetworkAccessIdentifier = value },
            "ipv4" when AddressText.TryParseIpv4(value, out var v4) => new ParsedDevice { Ipv4 = v4 },
            "ipv6" when AddressText.TryParseIpv6(value, out var v6) => new ParsedDevice { Ipv6 = v6 },
            _ => null,
        };
        return device is not null;
    }
}
