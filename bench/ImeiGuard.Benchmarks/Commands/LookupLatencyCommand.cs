using System.Diagnostics;
using System.Globalization;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Redis;

namespace ImeiGuard.Benchmarks.Commands;

/// <summary>
/// <c>lookup-latency [--bindings N] [--threads T] [--seconds S]</c>: near-cache hits as a latency distribution, which
/// BenchmarkDotNet's per-iteration means cannot give. T threads observe random SIMs against a warm near-cache
/// (Redis mode's table, <see cref="NearCache"/> attached) of N bindings, half of the lookups for cached bindings
/// (verdict Match), half for SIMs the cache knows to have none (NotEnforced), and time each with
/// <see cref="Stopwatch.GetTimestamp"/>. Prints lookups/s per kind and p50/p99/p99.9 in ns; the clock read adds
/// its own cost (printed as clock_ns) to every sample. Nothing here touches Redis: a hit never leaves the process.
/// </summary>
internal static class LookupLatencyCommand
{
    private const int Keys = 1 << 16;

    public static int Run(string[] args)
    {
        var bindings = Option(args, "--bindings", 1_000_000);
        var threads = Option(args, "--threads", Environment.ProcessorCount);
        var seconds = Option(args, "--seconds", 5);

        var cache = new NearCache(static () => true, new RedisOptions { AbsentCapacity = 2 * Keys });
        var enforcer = new BindingEnforcer(new GeneratedBindingStore(bindings), new SubscriberDirectory(BenchEnforcer.EmptyRegistry.Instance), TimeProvider.System, deferred: cache);
        enforcer.Load();
        var random = new Random(8);
        var hits = new (Imsi Imsi, Imei Device)[Keys];
        var absent = new (Imsi Imsi, Imei Device)[Keys];
        for (var i = 0; i < Keys; i++)
        {
            var subscriber = random.Next(bindings);
            hits[i] = (SubscriberPopulation.Imsi(subscriber), SubscriberPopulation.Device(subscriber));
            absent[i] = (SubscriberPopulation.Imsi(bindings + i), SubscriberPopulation.Device(bindings + i));
            cache.Complete(absent[i].Imsi.Packed, absent: true);
        }

        var clock = ClockCost();
        var results = new LatencyHistogram[threads, 2];
        var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var slot = t;
            results[slot, 0] = new LatencyHistogram();
            results[slot, 1] = new LatencyHistogram();
            workers[t] = new Thread(() => Measure(enforcer, hits, absent, slot, until, results[slot, 0], results[slot, 1])) { Name = "lookup " + t };
        }

        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bindings={bindings} threads={threads} seconds={seconds} clock_ns={clock:F1}"));
        Report("hit_binding", results, 0, seconds);
        Report("hit_absent", results, 1, seconds);
        return 0;
    }

    private static void Measure(
        BindingEnforcer enforcer, (Imsi Imsi, Imei Device)[] hits, (Imsi Imsi, Imei Device)[] absent, int seed, long until,
        LatencyHistogram hitLatency, LatencyHistogram absentLatency)
    {
        var random = new Random(seed);
        var at = 1_724_568_000_000L;
        while (Stopwatch.GetTimestamp() < until)
        {
            for (var n = 0; n < 1024; n++)
            {
                var (imsi, device) = hits[random.Next(Keys)];
                hitLatency.Add(TimedObserve(enforcer, imsi, device, at++, VerdictKind.Match));
                (imsi, device) = absent[random.Next(Keys)];
                absentLatency.Add(TimedObserve(enforcer, imsi, device, at++, VerdictKind.NotEnforced));
            }
        }
    }

    private static long TimedObserve(BindingEnforcer enforcer, Imsi imsi, Imei device, long at, VerdictKind expected)
    {
        var observation = new Observation
        {
            Imsi = imsi,
            Pei = new Pei(device, PeiKind.Imeisv16, PeiWireForm.Ascii, 1, null),
            AtUnixMs = at,
            Source = ObservationSource.RadiusAccounting,
            NasIp = 0xC000020A,
        };
        var started = Stopwatch.GetTimestamp();
        var verdict = enforcer.Observe(observation);
        var elapsed = Stopwatch.GetTimestamp() - started;
        return verdict == expected ? elapsed : throw new InvalidOperationException($"expected {expected}, got {verdict}");
    }

    /// <summary>What one pair of clock reads costs, so that the reader can subtract it.</summary>
    private static double ClockCost()
    {
        const int Reads = 1_000_000;
        var started = Stopwatch.GetTimestamp();
        long sink = 0;
        for (var i = 0; i < Reads; i++)
        {
            sink += Stopwatch.GetTimestamp();
        }

        GC.KeepAlive(sink);
        return (Stopwatch.GetTimestamp() - started) * 1e9 / Stopwatch.Frequency / Reads;
    }

    private static void Report(string kind, LatencyHistogram[,] results, int column, int seconds)
    {
        var all = new LatencyHistogram();
        for (var t = 0; t < results.GetLength(0); t++)
        {
            all.Merge(results[t, column]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind} lookups={all.Count} lookups_per_s={all.Count / seconds} p50_ns={all.PercentileNs(0.50):F0} p99_ns={all.PercentileNs(0.99):F0} p999_ns={all.PercentileNs(0.999):F0} max_ns={all.MaxNs:F0}"));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
