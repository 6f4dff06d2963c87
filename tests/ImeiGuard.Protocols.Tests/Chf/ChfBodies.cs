using System.Text;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Variants of corpus bodies with one text edit, for member-level tests.</summary>
internal static class ChfBodies
{
    /// <summary>s1-update: NR location, IMEISV, IPv4v6, one used-unit container.</summary>
    public const string Nr = "chf/s1-update.json";

    /// <summary>s2-initial: E-UTRA location, IMEI, IPv4 only.</summary>
    public const string Eutra = "chf/s2-initial.json";

    public static string Text(string file) => Encoding.UTF8.GetString(ChfCorpus.Get(file).Body);

    /// <summary>The body with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    public static byte[] Edit(string file, string find, string replace) => EditText(Text(file), find, replace);

    /// <summary>The text with <paramref name="find"/> (which must occur exactly once) replaced, as UTF-8.</summary>
    public static byte[] EditText(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found");
        Assert.Equal(at, text.LastIndexOf(find, StringComparison.Ordinal));
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));
    }

    /// <summary>The body with a member added right after the opening brace.</summary>
    public static byte[] WithFirstMember(string file, string member) => Edit(file, "{\n  \"subscriberIdentifier\"", "{" + member + ",\n  \"subscriberIdentifier\"");

    public static ChfParseError Read(byte[] body, out ChargingDataRecord record) => ChfRecordReader.TryRead(body, out record);

    public static string Reason(byte[] body) => ChfParseErrors.ReasonCode(ChfRecordReader.TryRead(body, out _));
}
