namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Finds the repository, the built daemon and the shared corpus from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The daemon built by this test project's build (same configuration).</summary>
    public static string DaemonDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var path = Path.Combine(Root, "src", "ImeiGuard.Daemon", "bin", configuration, "net10.0", "imeiguard.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first", path);
        }
    }

    public static string Corpus
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("IMEIGUARD_CORPUS") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));
            return Directory.Exists(dir) ? dir : throw new DirectoryNotFoundException($"Test corpus not found at {dir} (set IMEIGUARD_CORPUS)");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ImeiGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
