using BenchmarkDotNet.Attributes;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Benchmarks.Protocols.Chf;

/// <summary>
/// Read a Nchf ChargingDataRequest body (corpus chf/s*.json: initial, update, termination) into a record.
/// Target: at most 3 µs per record (issue 8), 0 B allocated. Returns the bodies read without error.
/// </summary>
public class ChfRecordReaderBenchmarks
{
    public const int InnerLoop = 16;

    private static readonly string[] Files = ["s1-initial", "s1-update", "s1-termination", "s4-termination"];

    public static IEnumerable<ChfCase> Cases() => Files.Select(name => new ChfCase($"{name}-{new FileInfo(CorpusFiles.Path("chf", name + ".json")).Length}B", File.ReadAllBytes(CorpusFiles.Path("chf", name + ".json"))));

    [Benchmark(OperationsPerInvoke = InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int TryRead(ChfCase body)
    {
        var n = 0;
        for (var i = 0; i < InnerLoop; i++)
        {
            if (ChfRecordReader.TryRead(body.Json, out var record) == ChfParseError.None && !record.Imsi.IsEmpty)
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>One CHF body, named by its corpus file and size.</summary>
public sealed record ChfCase(string Name, byte[] Json)
{
    public override string ToString() => Name;
}
