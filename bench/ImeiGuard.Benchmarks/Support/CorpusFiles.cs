namespace ImeiGuard.Benchmarks.Support;

/// <summary>The shared corpus: <c>../shared/corpus</c> next to the directory holding ImeiGuard.sln, or IMEIGUARD_CORPUS.</summary>
public static class CorpusFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Directory => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("IMEIGUARD_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "corpus"));
            }
        }

        throw new InvalidOperationException("corpus not found; set IMEIGUARD_CORPUS");
    }
}
