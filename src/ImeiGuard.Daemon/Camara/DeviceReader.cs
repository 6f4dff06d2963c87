using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// Validates a CAMARA <c>Device</c> object against the specs' schemas (PhoneNumber pattern, DeviceIpv4Addr,
/// ipv6 format, minProperties 1) and answers each failure with the specs' 400 message.
/// </summary>
internal static class DeviceReader
{
    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out ParsedDevice? device, out string problem)
    {
        device = null;
        problem = CamaraError.GenericInvalidArgumentMessage;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var phone = default(Msisdn);
        string? phoneText = null, nai = null, ipv6Text = null;
        DeviceIpv4Body? ipv4Body = null;
        uint? ipv4 = null;
        UInt128? ipv6 = null;
        if (element.TryGetProperty(DeviceIdentifierKinds.PhoneNumber, out var p))
        {
            if (p.ValueKind != JsonValueKind.String || !IsE164(phoneText = p.GetString()!) || !Msisdn.TryParse(phoneText, out phone))
            {
                problem = "Invalid format: phoneNumber";
                return false;
            }
        }

        if (element.TryGetProperty(DeviceIdentifierKinds.NetworkAccessIdentifier, out var n))
        {
            if (n.ValueKind != JsonValueKind.String || !NetworkAccessIdentifiers.IsValid(nai = n.GetString()!))
            {
                problem = "Invalid format: networkAccessIdentifier";
                return false;
            }
        }

        if (element.TryGetProperty(DeviceIdentifierKinds.Ipv4Address, out var v4) && !TryReadIpv4(v4, out ipv4Body, out ipv4, out problem))
        {
            return false;
        }

        if (element.TryGetProperty(DeviceIdentifierKinds.Ipv6Address, out var v6))
        {
            if (v6.ValueKind != JsonValueKind.String || !AddressText.TryParseIpv6(ipv6Text = v6.GetString(), out var address))
            {
                problem = "Invalid format: ipv6Address";
                return false;
            }

            ipv6 = address;
        }

        if (phoneText is null && nai is null && ipv4 is null && ipv6 is null)
        {
            problem = CamaraError.InsufficientDeviceMessage;
            return false;
        }

        device = new ParsedDevice
        {
            Body = new DeviceBody(phoneText, nai, ipv4Body, ipv6Text),
            PhoneNumber = phone,
            NetworkAccessIdentifier = nai,
            Ipv4 = ipv4,
            Ipv6 = ipv6,
        };
        return true;
    }

    /// <summary>The CAMARA PhoneNumber pattern <c>^\+[1-9][0-9]{4,14}$</c>.</summary>
    public static bool IsE164(string text) =>
        text.Length is >= 6 and <= 16 && text[0] == '+' && text[1] is >= '1' and <= '9' && text.AsSpan(2).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>
    /// DeviceIpv4Addr: publicAddress with privateAddress or publicPort (or both). The private address is the UE's
    /// own (RADIUS Framed-IP-Address) and is what the lookup uses; without it the public address is.
    /// </summary>
    private static bool TryReadIpv4(JsonElement element, out DeviceIpv4Body? body, out uint? lookup, out string problem)
    {
        body = null;
        lookup = null;
        problem = "Invalid format: ipv4Address";
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("publicAddress", out var pub) || pub.ValueKind != JsonValueKind.String
            || !AddressText.TryParseIpv4(pub.GetString(), out var publicAddress))
        {
            return false;
        }

        string? privateText = null;
        uint? privateAddress = null;
        if (element.TryGetProperty("privateAddress", out var priv))
        {
            if (priv.ValueKind != JsonValueKind.String || !AddressText.TryParseIpv4(privateText = priv.GetString(), out var address))
            {
                return false;
            }

            privateAddress = address;
        }

        int? port = null;
        if (element.TryGetProperty("publicPort", out var portElement))
        {
            if (portElement.ValueKind != JsonValueKind.Number || !portElement.TryGetInt32(out var value) || value is < 0 or > 65535)
            {
                problem = "Invalid value: ipv4Address.publicPort";
                return false;
            }

            port = value;
        }

        if (privateAddress is null && port is null)
        {
            return false;
        }

        body = new DeviceIpv4Body(pub.GetString(), privateText, port);
        lookup = privateAddress ?? publicAddress;
        return true;
    }
}
