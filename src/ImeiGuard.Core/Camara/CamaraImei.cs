using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Camara;

/// <summary>The IMEI as the CAMARA examples print it (BindImei, imei-change data).</summary>
public static class CamaraImei
{
    /// <summary>
    /// <c>35-209900-176148-1</c>: the 8-digit TAC split 2 + 6, the 6-digit serial number, the check digit. Fifteen
    /// digits; the dashes are for reading only.
    /// </summary>
    public static string Format(Imei imei)
    {
        var digits = imei.ToImeiString();
        return $"{digits[..2]}-{digits[2..8]}-{digits[8..14]}-{digits[14]}";
    }
}
