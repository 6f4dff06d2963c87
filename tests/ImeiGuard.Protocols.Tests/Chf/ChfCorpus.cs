using System.Text.Json;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>
/// The CHF part of the shared test corpus: <c>chf/expected.jsonl</c> and the bodies it describes. Found through the
/// environment variable IMEIGUARD_CORPUS, else as <c>../shared/corpus</c> next to the directory holding ImeiGuard.sln.
/// A missing corpus fails the tests; it is never skipped.
/// </summary>
internal static class ChfCorpus
{
    private static readonly Lazy<string> Root = new(Locate);
    private static readonly Lazy<IReadOnlyList<ChfCorpusCase>> AllCases = new(Load);

    public static IReadOnlyList<ChfCorpusCase> Cases => AllCases.Value;

    public static IEnumerable<ChfCorpusCase> Valid => Cases.Where(c => c.Valid);

    public static ChfCorpusCase Get(string file) => Cases.Single(c => c.File == file);

    public static TheoryData<string> AllFiles() => new(Cases.Select(c => c.File));

    public static TheoryData<string> ValidFiles() => new(Valid.Select(c => c.File));

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("IMEIGUARD_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"IMEIGUARD_CORPUS={fromEnvironment} does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus)
                    ? corpus
                    : throw new DirectoryNotFoundException($"Test corpus not found at {corpus} (set IMEIGUARD_CORPUS).");
            }
        }

        throw new DirectoryNotFoundException($"No ImeiGuard.sln above {AppContext.BaseDirectory}; set IMEIGUARD_CORPUS.");
    }

    private static List<ChfCorpusCase> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Root.Value, "chf", "expected.jsonl"));
        var cases = new List<ChfCorpusCase>();
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement.Clone();
            var file = e.GetProperty("file").GetString()!;
            cases.Add(new ChfCorpusCase(
                file,
                File.ReadAllBytes(Path.Combine(Root.Value, file)),
                e.GetProperty("valid").GetBoolean(),
                e.GetProperty("reason_code").GetString(),
                e.GetProperty("http_path").GetString()!,
                e.GetProperty("operation").GetString(),
                e.GetProperty("size").GetInt32(),
                e.GetProperty("extracted")));
        }

        return cases;
    }
}

/// <summary>One line of chf/expected.jsonl with its body.</summary>
internal sealed record ChfCorpusCase(
    string File, byte[] Body, bool Valid, string? ReasonCode, string HttpPath, string? Operation, int Size, JsonElement Extracted)
{
    /// <summary>The body without trailing whitespace: every shorter prefix is incomplete JSON.</summary>
    public ReadOnlyMemory<byte> Trimmed => Body.AsMemory(0, Body.AsSpan().TrimEnd(" \t\r\n"u8).Length);

    public override string ToString() => File;
}
