using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Strict text forms of the CAMARA address types (OpenAPI formats ipv4 and ipv6).</summary>
internal static class AddressText
{
    /// <summary>
    /// Dotted-quad IPv4 only (RFC 3986 dec-octet ×4): IPAddress.TryParse would also take "10.1" or "167772161",
    /// which the <c>ipv4</c> format does not allow. Packed a&lt;&lt;24 | b&lt;&lt;16 | c&lt;&lt;8 | d, as RADIUS carries it.
    /// </summary>
    public static bool TryParseIpv4(string? text, out uint address)
    {
        address = 0;
        if (text is null)
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[5];
        var span = text.AsSpan();
        if (span.Split(parts, '.') != 4)
        {
            return false;
        }

        foreach (var range in parts[..4])
        {
            var part = span[range];
            if (part.Length is < 1 or > 3 || (part.Length > 1 && part[0] == '0')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            address = (address << 8) | octet;
        }

        return true;
    }

    /// <summary>An IPv6 address without zone index, first bit in the most significant (as the session table keys it).</summary>
    public static bool TryParseIpv6(string? text, out UInt128 address)
    {
        address = 0;
        if (text is null || !text.Contains(':', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        address = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
