using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Decodes the 3GPP-IMEISV sub-attribute (TS 29.061 §16.4.7.2, vendor type 20) in the wire forms seen in practice.
/// </summary>
internal static class ImeisvDecoder
{
    private const int TbcdOctets = 8;
    private const int MaxDigits = 16;

    /// <summary>
    /// Wire forms (protocols.md B.4):
    /// <list type="bullet">
    /// <item>ASCII digits (the dictionary type): 16 for an IMEISV, 15 or 14 for an IMEI.</item>
    /// <item>Binary TBCD copied from GTP (TS 29.274 §8.10 MEI, TS 29.060 §7.7.53 IMEI(SV)): 8 octets, low nibble
    /// first, with a 0xF filler in the last high nibble for a 15-digit IMEI.</item>
    /// </list>
    /// Why 8 octets are tried as TBCD first: 8 ASCII digits can never be an IMEI, while 8 octets whose nibbles
    /// are all digits (the only octets that pass) are exactly the GTP coding. Anything else that is not all
    /// digits is <see cref="RadiusParseError.ImeisvInvalidDigits"/>; digits of another count are
    /// <see cref="RadiusParseError.ImeisvInvalidLength"/>. The Luhn digit of a 15-digit IMEI is recorded, never
    /// enforced (TS 22.016 §3: it is not always transmitted).
    /// </summary>
    public static RadiusParseError TryDecode(ReadOnlySpan<byte> value, out Pei pei)
    {
        pei = default;
        Span<byte> digits = stackalloc byte[MaxDigits];
        int count;
        PeiWireForm form;
        if (value.Length == TbcdOctets && (count = Tbcd.ToAsciiDigits(value, digits)) > 0)
        {
            form = PeiWireForm.Tbcd;
        }
        else
        {
            if (!AreAsciiDigits(value))
            {
                return RadiusParseError.ImeisvInvalidDigits;
            }

            if (value.Length is < Imei.IdentityDigits or > MaxDigits)
            {
                return RadiusParseError.ImeisvInvalidLength;
            }

            value.CopyTo(digits);
            count = value.Length;
            form = PeiWireForm.Ascii;
        }

        var ascii = digits[..count];
        if (!Imei.TryParse(ascii, out var device))
        {
            return RadiusParseError.ImeisvInvalidLength;
        }

        pei = count switch
        {
            MaxDigits => new Pei(device, PeiKind.Imeisv16, form, (byte)(((ascii[14] - '0') * 10) + (ascii[15] - '0')), LuhnOk: null),
            Imei.IdentityDigits + 1 => new Pei(device, PeiKind.Imei15, form, (byte)(ascii[14] - '0'), LuhnOk: ascii[14] - '0' == device.CheckDigit),
            _ => new Pei(device, PeiKind.Imei14, form, 0, LuhnOk: null),
        };
        return RadiusParseError.None;
    }

    private static bool AreAsciiDigits(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
