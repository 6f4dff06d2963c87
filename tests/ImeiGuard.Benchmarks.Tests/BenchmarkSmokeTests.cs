using System.Text.Json;

namespace ImeiGuard.Benchmarks.Tests;

/// <summary>
/// Every benchmark runs a few times with tiny counts so that the suites never rot: each call must report that all of
/// its operations succeeded (the benchmarks return that count), and allocate no more than bench/allocation-budget.json allows.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> Benchmarks() => [.. DirectRun.AllBenchmarks().Select(DirectRun.Name)];

    [Theory]
    [MemberData(nameof(Benchmarks))]
    public void Benchmark_SmokeRun_EveryOperationSucceedsWithinAllocationBudget(string name)
    {
        var method = DirectRun.Find(name);
        Assert.Equal(typeof(int), method.ReturnType);
        var budget = Budget();
        Assert.True(budget.TryGetValue(name, out var allowed), $"{name} has no entry in bench/allocation-budget.json");

        var results = DirectRun.Run(method);

        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var expected = DirectRun.OperationsPerInvoke(method);
            Assert.True(result.Results.All(r => r == expected), $"{name}({result.Case}) returned {string.Join(", ", result.Results)}; every operation should succeed ({expected})");
            // A smoke run is a few invocations, so a one-off runtime allocation (tiering, a first static init)
            // can show as a fraction of a byte per operation; a real per-operation allocation is a whole object.
            Assert.True(Math.Floor(result.BytesPerOperation) <= allowed, $"{name}({result.Case}) allocated {result.BytesPerOperation:F1} B/op, budget {allowed} B/op");
        }
    }

    [Fact]
    public void AllocationBudget_EveryEntry_NamesAnExistingBenchmark()
    {
        var names = DirectRun.AllBenchmarks().Select(DirectRun.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(Budget().Keys, key => Assert.Contains(key, names));
    }

    private static Dictionary<string, double> Budget()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "bench", "allocation-budget.json")));
        return json.RootElement.GetProperty("bytesPerOperation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ImeiGuard.sln not found above the test binaries");
    }
}
