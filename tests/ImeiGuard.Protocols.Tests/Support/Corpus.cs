using System.Text.Json;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Protocols.Tests.Support;

/// <summary>
/// The shared test corpus: <c>../shared/corpus</c> next to the repository root (the directory holding
/// ImeiGuard.sln), or the directory named by IMEIGUARD_CORPUS. A missing corpus fails the tests; it never skips them.
/// </summary>
internal static class Corpus
{
    public const string EnvironmentVariable = "IMEIGUARD_CORPUS";

    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Dictionary<string, IReadOnlyList<JsonElement>> ExpectedCache = [];
    private static readonly Dictionary<string, IReadOnlyList<CorpusDatagram>> DatagramCache = [];
    private static readonly Lock Gate = new();

    /// <summary>The corpus directory; throws with an explanation when it cannot be found.</summary>
    public static string Directory => Root.Value;

    public static string RadiusFile(string name) => Path.Combine(Directory, "radius", name);

    public static byte[] ReadRadiusFile(string name) => File.ReadAllBytes(RadiusFile(name));

    /// <summary>The records of <c>radius/{set}.expected.jsonl</c>.</summary>
    public static IReadOnlyList<JsonElement> Expected(string set)
    {
        lock (Gate)
        {
            if (!ExpectedCache.TryGetValue(set, out var records))
            {
                records = [.. File.ReadLines(RadiusFile(set + ".expected.jsonl"))
                    .Where(line => line.Length > 0)
                    .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
                ExpectedCache[set] = records;
            }

            return records;
        }
    }

    /// <summary>Every UDP datagram of <c>radius/{set}.pcap</c>, read with the project's own capture reader.</summary>
    public static IReadOnlyList<CorpusDatagram> Datagrams(string set)
    {
        lock (Gate)
        {
            if (!DatagramCache.TryGetValue(set, out var datagrams))
            {
                datagrams = ReadPcap(ReadRadiusFile(set + ".pcap"));
                DatagramCache[set] = datagrams;
            }

            return datagrams;
        }
    }

    /// <summary>The datagram with the given 1-based frame number.</summary>
    public static CorpusDatagram Frame(string set, long frame) => Datagrams(set).Single(d => d.Frame == frame);

    /// <summary>The shared secret named in an expectation record's <c>secret_name</c>.</summary>
    public static byte[] Secret(string secretName)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RadiusFile("secrets.json")));
        return System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetProperty(secretName).GetProperty("secret").GetString()!);
    }

    /// <summary>Theory data 0..n-1 for a set; falls back to a single 0 so that a missing corpus fails inside the test.</summary>
    public static TheoryData<int> Indices(string set)
    {
        var data = new TheoryData<int>();
        int count;
        try
        {
            count = Expected(set).Count;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            count = 1;
        }

        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static List<CorpusDatagram> ReadPcap(byte[] file)
    {
        var list = new List<CorpusDatagram>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            list.Add(new CorpusDatagram(
                d.FrameNumber,
                d.Source.ToString(),
                d.SourcePort,
                d.Destination.ToString(),
                d.DestinationPort,
                d.Payload.ToArray()));
        }

        if (!reader.IsComplete)
        {
            throw new InvalidOperationException($"capture not read to its end: {reader.Error}");
        }

        return list;
    }

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return System.IO.Directory.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable}={configured} does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return System.IO.Directory.Exists(corpus)
                    ? corpus
                    : throw new InvalidOperationException($"The test corpus is missing: expected {corpus} (or set {EnvironmentVariable}).");
            }
        }

        throw new InvalidOperationException($"No ImeiGuard.sln above {AppContext.BaseDirectory}; set {EnvironmentVariable}.");
    }
}

/// <summary>One UDP datagram of a corpus capture.</summary>
internal sealed record CorpusDatagram(long Frame, string SourceIp, int SourcePort, string DestinationIp, int DestinationPort, byte[] Payload);
