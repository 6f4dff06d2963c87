using System.Text;

namespace ImeiGuard.Oss;

/// <summary>Reads a configured secret given inline or as a file (trailing whitespace and newline ignored).</summary>
internal static class SecretSource
{
    /// <summary>The secret's UTF-8 bytes, or null when neither is set.</summary>
    public static byte[]? Resolve(string? inline, string? file)
    {
        if (!string.IsNullOrEmpty(file))
        {
            return Encoding.UTF8.GetBytes(File.ReadAllText(file).TrimEnd());
        }

        return string.IsNullOrEmpty(inline) ? null : Encoding.UTF8.GetBytes(inline);
    }
}
