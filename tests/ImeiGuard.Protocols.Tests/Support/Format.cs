using System.Buffers.Binary;
using System.Net;
using System.Text;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Support;

/// <summary>Turns parsed values into the text forms the expectation files use (tests only: these allocate).</summary>
internal static class Format
{
    public static string? Text(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Encoding.UTF8.GetString(value);

    public static string? Hex(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Convert.ToHexStringLower(value);

    public static string? Ipv4(uint address, bool present)
    {
        if (!present)
        {
            return null;
        }

        Span<byte> octets = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(octets, address);
        return new IPAddress(octets).ToString();
    }

    public static string? Ipv6Prefix(Ipv6Prefix prefix)
    {
        if (!prefix.IsPresent)
        {
            return null;
        }

        Span<byte> octets = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(octets, prefix.Prefix);
        return new IPAddress(octets) + "/" + prefix.PrefixLength;
    }

    public static string? PlmnDigits(PlmnId plmn) => plmn.IsEmpty ? null : plmn.MccText + plmn.MncText;

    public static string? Imsi(Imsi imsi) => imsi.IsEmpty ? null : imsi.ToString();

    /// <summary>The digits as reported: 14 identity digits plus the check digit (IMEI) or the SVN (IMEISV).</summary>
    public static string? PeiDigits(Pei pei) => pei.Kind switch
    {
        PeiKind.Imeisv16 => pei.Device + pei.TrailingDigits.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
        PeiKind.Imei15 => pei.Device + pei.TrailingDigits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PeiKind.Imei14 => pei.Device.ToString(),
        _ => null,
    };
}
