using System.Text;

namespace ImeiGuard.Protocols.Chf;

/// <summary>Wire spellings of <see cref="ChfRatType"/>.</summary>
public static class ChfRatTypes
{
    // Indexed by the enum value. Kept as strings for logs and as UTF-8 for matching.
    private static readonly string[] Names =
    [
        "", "", "NR", "EUTRA", "WLAN", "VIRTUAL", "NBIOT", "WIRELINE", "WIRELINE_CABLE", "WIRELINE_BBF", "LTE-M",
        "NR_U", "EUTRA_U", "TRUSTED_N3GA", "TRUSTED_WLAN", "UTRA", "GERA", "NR_LEO", "NR_MEO", "NR_GEO",
        "NR_OTHER_SAT", "NR_REDCAP", "WB_E_UTRAN_LEO", "WB_E_UTRAN_MEO", "WB_E_UTRAN_GEO", "WB_E_UTRAN_OTHERSAT",
        "NB_IOT_LEO", "NB_IOT_MEO", "NB_IOT_GEO", "NB_IOT_OTHERSAT", "LTE_M_LEO", "LTE_M_MEO", "LTE_M_GEO",
        "LTE_M_OTHERSAT",
    ];

    private static readonly byte[][] Utf8Names = ToUtf8(Names);

    /// <summary>The spelling on the wire, e.g. "NR", "LTE-M"; empty for <see cref="ChfRatType.None"/> and <see cref="ChfRatType.Other"/>.</summary>
    public static string WireName(ChfRatType ratType) => (uint)ratType < (uint)Names.Length ? Names[(int)ratType] : string.Empty;

    /// <summary>Maps a wire spelling (case-sensitive, as the enumeration is) to its value; anything else is <see cref="ChfRatType.Other"/>.</summary>
    public static ChfRatType Parse(ReadOnlySpan<byte> text)
    {
        // NR and EUTRA come first in the table, so the common cases end after one or two compares.
        for (var i = (int)ChfRatType.Nr; i < Utf8Names.Length; i++)
        {
            if (text.SequenceEqual(Utf8Names[i]))
            {
                return (ChfRatType)i;
            }
        }

        return ChfRatType.Other;
    }

    private static byte[][] ToUtf8(string[] names)
    {
        var result = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = Encoding.ASCII.GetBytes(names[i]);
        }

        return result;
    }
}
