using System.Diagnostics;

namespace ImeiGuard.Benchmarks.Tests;

/// <summary>
/// The side-by-side commands that scripts/bench-replay.sh and bench-micro.sh time, run with tiny counts so that
/// they never rot: each must finish, exit 0 and report what it did.
/// </summary>
public sealed class CommandSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imeiguard-bench-cmd-").FullName;

    [Fact]
    public async Task SeedStore_WritesTheGeneratedBindingsIntoARealStore()
    {
        var output = await RunAsync("seed-store", _dir, "--subscribers", "200", "--bindings-percent", "50");

        Assert.Contains("bindings=100 ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "imeiguard.db")));
    }

    [Fact]
    public async Task CaptureDecide_DecidesEveryRequestOfAFile()
    {
        var pcap = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "corpus", "radius", "peer.pcap");
        Assert.True(File.Exists(pcap), $"corpus capture missing: {pcap}");

        var output = await RunAsync("capture-decide", pcap, "--subscribers", "1000");

        Assert.Matches(@"decided=[1-9]\d* pass_seconds=", output);
    }

    [Fact]
    public async Task Memory_MeasuresBytesPerSim()
    {
        var output = await RunAsync("memory", "--sims", "20000");

        Assert.Contains("sims=20000", output, StringComparison.Ordinal);
        Assert.Contains("bytes_per_sim", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupLatency_ReportsRateAndPercentilesForBothKinds()
    {
        var output = await RunAsync("lookup-latency", "--bindings", "20000", "--threads", "1", "--seconds", "1");

        Assert.Matches(@"hit_binding lookups=[1-9]\d* lookups_per_s=[1-9]\d* p50_ns=[1-9]\d* p99_ns=[1-9]\d* p999_ns=[1-9]\d*", output);
        Assert.Matches(@"hit_absent lookups=[1-9]\d* lookups_per_s=[1-9]\d* p50_ns=[1-9]\d* p99_ns=[1-9]\d*", output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ImeiGuard.Benchmarks.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}");
        return output;
    }
}
