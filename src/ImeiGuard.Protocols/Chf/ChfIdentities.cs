using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Checks of the 5G identity strings. Their schema patterns all end in <c>|.+</c> (TS 29.571 §5.3), so a schema
/// validator accepts any string and the checks here are the only ones: a known prefix, then the exact digit
/// counts of TS 23.003 (IMSI 5..15 as the Supi pattern, IMEI 15, IMEISV 16, MSISDN 5..15).
/// </summary>
internal static class ChfIdentities
{
    /// <summary>Supi: <c>imsi-&lt;5..15 digits&gt;</c>, or <c>nai-</c>, <c>gci-</c>, <c>gli-</c> and at least one character.</summary>
    public static ChfParseError ParseSupi(ReadOnlySpan<byte> text, ref ChargingDataRecord record)
    {
        if (text.StartsWith("imsi-"u8))
        {
            var digits = text[5..];
            if ((uint)(digits.Length - Imsi.MinLength) > Imsi.MaxLength - Imsi.MinLength)
            {
                return ChfParseError.SupiBadLength;
            }

            if (!Imsi.TryParse(digits, out record.Imsi))
            {
                return ChfParseError.SupiInvalidDigits;
            }

            record.SupiKind = ChfSupiKind.Imsi;
            return ChfParseError.None;
        }

        record.SupiKind =
            text.Length > 4 && text.StartsWith("nai-"u8) ? ChfSupiKind.Nai :
            text.Length > 4 && text.StartsWith("gci-"u8) ? ChfSupiKind.Gci :
            text.Length > 4 && text.StartsWith("gli-"u8) ? ChfSupiKind.Gli :
            ChfSupiKind.None;
        return record.SupiKind == ChfSupiKind.None ? ChfParseError.SupiBadPrefix : ChfParseError.None;
    }

    /// <summary>
    /// Pei: <c>imei-&lt;15 digits&gt;</c>, <c>imeisv-&lt;16 digits&gt;</c>, <c>mac-hh-hh-hh-hh-hh-hh[-untrusted]</c> or
    /// <c>eui-hh-…</c> (8 groups). For an IMEI the Luhn check digit (TS 23.003 Annex B.2) is recorded, never
    /// enforced: TS 22.016 §3 lets the 15th digit be a spare 0.
    /// </summary>
    public static ChfParseError ParsePei(ReadOnlySpan<byte> text, ref ChargingDataRecord record)
    {
        if (text.StartsWith("imei-"u8))
        {
            return ParseImei(text[5..], 15, ChfPeiForm.Imei, ref record);
        }

        if (text.StartsWith("imeisv-"u8))
        {
            return ParseImei(text[7..], 16, ChfPeiForm.Imeisv, ref record);
        }

        if (text.StartsWith("mac-"u8))
        {
            var groups = text[4..];
            if (groups.EndsWith("-untrusted"u8))
            {
                groups = groups[..^"-untrusted"u8.Length];
            }

            return CheckHexGroups(groups, 6, ChfPeiForm.Mac, ref record);
        }

        if (text.StartsWith("eui-"u8))
        {
            return CheckHexGroups(text[4..], 8, ChfPeiForm.Eui64, ref record);
        }

        return ChfParseError.PeiBadPrefix;
    }

    /// <summary>Gpsi: <c>msisdn-&lt;5..15 digits&gt;</c> or <c>extid-&lt;id&gt;@&lt;domain&gt;</c> with exactly one '@' and both parts non-empty.</summary>
    public static ChfParseError ParseGpsi(ReadOnlySpan<byte> text, ref ChargingDataRecord record)
    {
        if (text.StartsWith("msisdn-"u8))
        {
            var digits = text[7..];
            if ((uint)(digits.Length - 5) > 10)
            {
                return ChfParseError.GpsiBadLength;
            }

            if (!ChfText.TryParseDigits(digits, out record.MsisdnValue))
            {
                record.MsisdnValue = 0;
                return ChfParseError.GpsiInvalidDigits;
            }

            record.MsisdnLength = (byte)digits.Length;
            record.GpsiKind = ChfGpsiKind.Msisdn;
            return ChfParseError.None;
        }

        if (text.StartsWith("extid-"u8))
        {
            var id = text[6..];
            var at = id.IndexOf((byte)'@');
            if (at > 0 && at < id.Length - 1 && id[(at + 1)..].IndexOf((byte)'@') < 0)
            {
                record.GpsiKind = ChfGpsiKind.ExternalId;
                return ChfParseError.None;
            }
        }

        return ChfParseError.GpsiBadPrefix;
    }

    private static ChfParseError ParseImei(ReadOnlySpan<byte> digits, int length, ChfPeiForm form, ref ChargingDataRecord record)
    {
        if (digits.Length != length)
        {
            return ChfParseError.PeiBadLength;
        }

        if (!Imei.TryParse(digits, out var device))
        {
            return ChfParseError.PeiInvalidDigits;
        }

        var trailing = length == 15 ? digits[14] - '0' : ChfText.TwoDigits(digits[14..]);
        bool? luhnOk = length == 15 ? device.CheckDigit == trailing : null;
        var kind = length == 15 ? PeiKind.Imei15 : PeiKind.Imeisv16;
        record.Pei = new Pei(device, kind, PeiWireForm.Text, (byte)trailing, luhnOk);
        record.PeiForm = form;
        return ChfParseError.None;
    }

    /// <summary>Checks <paramref name="count"/> groups of two hex digits separated by '-' (MAC: 6, EUI-64: 8).</summary>
    private static ChfParseError CheckHexGroups(ReadOnlySpan<byte> text, int count, ChfPeiForm form, ref ChargingDataRecord record)
    {
        if (text.Length != (count * 3) - 1)
        {
            return ChfParseError.PeiBadLength;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ok = i % 3 == 2 ? text[i] == (byte)'-' : ChfText.HexValue(text[i]) >= 0;
            if (!ok)
            {
                return ChfParseError.PeiInvalidDigits;
            }
        }

        record.PeiForm = form;
        return ChfParseError.None;
    }
}
