namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Parsers for the string-encoded scalars of TS 29.571 that the CHF reader uses: decimal digit runs,
/// fixed-length hex (TAC, cell identities) and IP addresses. All work on ASCII spans and allocate nothing.
/// </summary>
internal static class ChfText
{
    /// <summary>The value of two ASCII decimal digits, or -1.</summary>
    public static int TwoDigits(ReadOnlySpan<byte> text)
    {
        var hi = (uint)(text[0] - '0');
        var lo = (uint)(text[1] - '0');
        return hi <= 9 && lo <= 9 ? (int)((hi * 10) + lo) : -1;
    }

    /// <summary>True when every byte is an ASCII decimal digit; <paramref name="value"/> is their value (at most 19 digits).</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <summary>The value of one hex digit (either case), or -1.</summary>
    public static int HexValue(byte b)
    {
        var d = (uint)(b - '0');
        if (d <= 9)
        {
            return (int)d;
        }

        // OR-ing 0x20 folds 'A'..'F' onto 'a'..'f'; every other byte lands outside 'a'..'f'.
        var letter = (uint)((b | 0x20) - 'a');
        return letter <= 5 ? (int)letter + 10 : -1;
    }

    /// <summary>
    /// Parses exactly <paramref name="digits"/> hex digits, most significant first, as TS 29.571 §5.4 writes
    /// Tac (4 or 6), EutraCellId (7) and NrCellId (9). Any other length or character fails.
    /// </summary>
    public static bool TryParseHex(ReadOnlySpan<byte> text, int digits, out ulong value)
    {
        value = 0;
        if (text.Length != digits)
        {
            return false;
        }

        foreach (var b in text)
        {
            var h = HexValue(b);
            if (h < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)h;
        }

        return true;
    }

    /// <summary>
    /// TS 29.571 §5.2 Ipv4Addr: dotted decimal (RFC 1166) with the schema's pattern, so four decimal octets
    /// 0..255 without leading zeros. The result is packed a&lt;&lt;24 | b&lt;&lt;16 | c&lt;&lt;8 | d.
    /// </summary>
    public static bool TryParseIpv4(ReadOnlySpan<byte> text, out uint address)
    {
        address = 0;
        if ((uint)(text.Length - 7) > 8)
        {
            return false;
        }

        var octets = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && i - start < 4 && (uint)(text[i] - '0') <= 9)
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                i++;
            }

            var length = i - start;
            if (length == 0 || length > 3 || octet > 255 || (length > 1 && text[start] == (byte)'0'))
            {
                return false;
            }

            address = (address << 8) | octet;
            octets++;
            if (octets == 4)
            {
                return i == text.Length;
            }

            if (i == text.Length || text[i] != (byte)'.')
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>
    /// TS 29.571 §5.2 Ipv6Addr: RFC 4291 §2.2 text form (RFC 5952 is the preferred spelling, but upper-case hex
    /// and leading zeros are accepted). One "::" may stand for one or more zero groups. The mixed IPv4 notation
    /// and zone indices are refused, as RFC 5952 §5 and the Ipv6Addr definition forbid them.
    /// The first group lands in the most significant 16 bits.
    /// </summary>
    public static bool TryParseIpv6(ReadOnlySpan<byte> text, out UInt128 address)
    {
        address = UInt128.Zero;
        if ((uint)(text.Length - 2) > 37)
        {
            return false;
        }

        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;
        var i = 0;
        if (text[0] == (byte)':')
        {
            if (text[1] != (byte)':')
            {
                return false;
            }

            gap = 0;
            i = 2;
        }

        while (i < text.Length)
        {
            var start = i;
            var group = 0;
            while (i < text.Length && i - start < 5 && HexValue(text[i]) is var h and >= 0)
            {
                group = (group << 4) | h;
                i++;
            }

            if (i == start || i - start > 4 || count == 8)
            {
                return false;
            }

            groups[count++] = (ushort)group;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != (byte)':' || ++i == text.Length)
            {
                return false;
            }

            if (text[i] == (byte)':')
            {
                if (gap >= 0)
                {
                    return false;
                }

                gap = count;
                i++;
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        // Groups before the gap fill from the top; groups after it fill up to the bottom.
        var tail = gap < 0 ? 0 : count - gap;
        for (var g = 0; g < count; g++)
        {
            var position = gap < 0 || g < gap ? g : 8 - tail + (g - gap);
            address |= (UInt128)groups[g] << (16 * (7 - position));
        }

        return true;
    }
}
