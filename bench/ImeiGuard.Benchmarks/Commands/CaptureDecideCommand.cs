using System.Diagnostics;
using System.Globalization;
using System.Text;
using ImeiGuard.Benchmarks.Daemon.Replay;
using ImeiGuard.Benchmarks.Support;

namespace ImeiGuard.Benchmarks.Commands;

/// <summary>
/// <c>capture-decide FILE</c>: one pass of <see cref="ReplayPipeline"/> over a pcap file, as a process that can be
/// timed side by side with tshark and radsniff (hyperfine). Prints the records decided and the time of the pass
/// itself, apart from start-up, reading the file and loading the table.
/// </summary>
internal static class CaptureDecideCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            Console.Error.WriteLine("usage: capture-decide FILE [--subscribers N] [--bindings-percent P] [--verify SECRET]");
            return 2;
        }

        var subscribers = 100_000;
        var lockedPercent = 50;
        var secret = Array.Empty<byte>();
        for (var i = 1; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--subscribers": subscribers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--bindings-percent": lockedPercent = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--verify": secret = Encoding.UTF8.GetBytes(args[i + 1]); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var total = Stopwatch.StartNew();
        var capture = File.ReadAllBytes(args[0]);
        var enforcer = BenchEnforcer.Create(subscribers, lockedPercent);
        var pass = Stopwatch.StartNew();
        var decided = ReplayPipeline.Run(capture, enforcer, secret);
        pass.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"decided={decided} pass_seconds={pass.Elapsed.TotalSeconds:F4} pass_rate={decided / pass.Elapsed.TotalSeconds:F0} total_seconds={total.Elapsed.TotalSeconds:F3} bindings={enforcer.Count}"));
        return 0;
    }
}
