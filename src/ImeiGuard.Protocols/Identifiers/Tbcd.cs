namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// Telephony BCD as used by the 3GPP binary identity fields: two digits per octet, low nibble first,
/// 0xF as filler (TS 24.008 §10.5.1.4 mobile identity, §10.5.1.13 PLMN identity; TS 29.274 §8.10 MEI).
/// </summary>
internal static class Tbcd
{
    private const int Filler = 0xF;

    /// <summary>
    /// Reads a 3-octet PLMN identity (TS 24.008 §10.5.1.13):
    /// <c>MCC2|MCC1, MNC3|MCC3, MNC2|MNC1</c>; MNC3 = 0xF means a 2-digit MNC.
    /// Returns false when a digit nibble is not 0..9.
    /// </summary>
    public static bool TryReadPlmn(ReadOnlySpan<byte> octets, out PlmnId plmn)
    {
        plmn = default;
        if (octets.Length < 3)
        {
            return false;
        }

        var mcc1 = octets[0] & 0xF;
        var mcc2 = octets[0] >> 4;
        var mcc3 = octets[1] & 0xF;
        var mnc3 = octets[1] >> 4;
        var mnc1 = octets[2] & 0xF;
        var mnc2 = octets[2] >> 4;
        if (mcc1 > 9 || mcc2 > 9 || mcc3 > 9 || mnc1 > 9 || mnc2 > 9)
        {
            return false;
        }

        var mcc = (mcc1 * 100) + (mcc2 * 10) + mcc3;
        if (mnc3 == Filler)
        {
            plmn = new PlmnId((ushort)mcc, (ushort)((mnc1 * 10) + mnc2), 2);
            return true;
        }

        if (mnc3 > 9)
        {
            return false;
        }

        plmn = new PlmnId((ushort)mcc, (ushort)((mnc1 * 100) + (mnc2 * 10) + mnc3), 3);
        return true;
    }

    /// <summary>
    /// Expands TBCD octets into ASCII digits, stopping at a 0xF filler that is the very last nibble
    /// (odd digit count). Returns the digit count, or -1 when a nibble is not a digit or a filler
    /// appears anywhere else.
    /// </summary>
    public static int ToAsciiDigits(ReadOnlySpan<byte> octets, Span<byte> destination)
    {
        if (destination.Length < octets.Length * 2)
        {
            return -1;
        }

        var n = 0;
        for (var i = 0; i < octets.Length; i++)
        {
            var low = octets[i] & 0xF;
            var high = octets[i] >> 4;
            if (low > 9)
            {
                return -1;
            }

            destination[n++] = (byte)('0' + low);
            if (high == Filler && i == octets.Length - 1)
            {
                break;
            }

            if (high > 9)
            {
                return -1;
            }

            destination[n++] = (byte)('0' + high);
        }

        return n;
    }
}
