using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// CAMARA networkAccessIdentifier: a GPSI as External Identifier, <c>local@domain</c> (TS 23.003 §19.7.2). ImeiGuard
/// resolves the IMSI-based forms it can recognise without an operator mapping table: a local part that is the IMSI,
/// or the IMSI after one EAP method digit as in the root NAI of TS 23.003 §19.3.2 and RFC 4187/5448 ('0' AKA,
/// '1' SIM, '6' AKA'). Any other local part is a well-formed NAI that names no SIM ImeiGuard knows.
/// </summary>
internal static class NetworkAccessIdentifiers
{
    private const int MaxLength = 253;

    /// <summary>Syntax: one '@' with text on both sides, no whitespace or control characters (RFC 7542 §2.2, simplified).</summary>
    public static bool IsValid(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (text.Length > MaxLength || at < 1 || at == text.Length - 1 || text.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The IMSI an IMSI-based NAI carries (see the type's remarks).</summary>
    public static bool TryGetImsi(string nai, out Imsi imsi)
    {
        var local = nai.AsSpan(0, nai.IndexOf('@', StringComparison.Ordinal));
        // An IMSI has at most 15 digits, so a 16-digit local part is never a bare IMSI: its first digit is the method.
        if (local.Length == Imsi.MaxLength + 1 && local[0] is '0' or '1' or '6')
        {
            local = local[1..];
        }

        imsi = default;
        return !local.ContainsAnyExceptInRange('0', '9') && Imsi.TryParse(local.ToString(), out imsi);
    }
}
