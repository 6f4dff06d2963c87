namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// A PLMN identity: MCC (3 digits) and MNC (2 or 3 digits). The MNC digit count is kept because
/// "01" and "001" are different networks. <c>default</c> means "no PLMN".
/// </summary>
public readonly record struct PlmnId(ushort Mcc, ushort Mnc, byte MncDigits)
{
    /// <summary>True when no PLMN is present.</summary>
    public bool IsEmpty => MncDigits == 0;

    /// <summary>MCC as three digits.</summary>
    public string MccText => Mcc.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>MNC with its own digit count.</summary>
    public string MncText => Mnc.ToString(MncDigits == 3 ? "D3" : "D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A single comparable key: MNC digit count, MCC and MNC packed into one int.</summary>
    public int Key => (MncDigits << 20) | (Mcc << 10) | Mnc;

    /// <summary>
    /// Parses "MCCMNC" as 5 or 6 ASCII digits (3GPP-IMSI-MCC-MNC / 3GPP-SGSN-MCC-MNC, TS 29.061).
    /// </summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> digits, out PlmnId plmn)
    {
        plmn = default;
        if (digits.Length is not (5 or 6))
        {
            return false;
        }

        var value = 0;
        foreach (var b in digits)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        var mncDigits = digits.Length - 3;
        var mncModulus = mncDigits == 3 ? 1000 : 100;
        plmn = new PlmnId((ushort)(value / mncModulus), (ushort)(value % mncModulus), (byte)mncDigits);
        return true;
    }

    /// <summary>Parses "MCC-MNC" or "MCCMNC" text (configuration and control plane).</summary>
    public static bool TryParse(string? text, out PlmnId plmn)
    {
        plmn = default;
        if (string.IsNullOrEmpty(text) || text.Length > 7)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[6];
        var n = 0;
        foreach (var c in text)
        {
            if (c == '-' && n == 3)
            {
                continue;
            }

            if (n == 6)
            {
                return false;
            }

            ascii[n++] = c < 128 ? (byte)c : (byte)0;
        }

        return TryParseDigits(ascii[..n], out plmn);
    }

    /// <summary>"MCC-MNC", e.g. "262-01".</summary>
    public override string ToString() => IsEmpty ? string.Empty : MccText + "-" + MncText;
}
