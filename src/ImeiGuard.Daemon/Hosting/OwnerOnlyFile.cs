namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Secrets the daemon generates into its data directory (admin key, token signing key): created once,
/// readable only by the daemon's user (mode 0600 from the first byte, no chmod race), read back later.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Returns the file's text, creating it with <paramref name="create"/>'s text first when it does not exist.</summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = create();
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(path, FileMode.CreateNew)
            : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        return text;
    }
}
