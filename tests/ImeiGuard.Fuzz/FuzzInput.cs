namespace ImeiGuard.Fuzz;

/// <summary>Reads one fuzz input.</summary>
internal static class FuzzInput
{
    /// <summary>
    /// Larger than any input the parsers accept (the CHF body limit is 64 KiB, a capture record 256 KiB), so the
    /// size checks are reached, yet small enough that one execution stays fast.
    /// </summary>
    public const int MaxLength = 1024 * 1024;

    public static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while (copy.Length < MaxLength && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
