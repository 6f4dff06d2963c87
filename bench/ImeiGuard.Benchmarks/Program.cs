using BenchmarkDotNet.Running;
using ImeiGuard.Benchmarks;
using ImeiGuard.Benchmarks.Commands;

// One exe for every suite (house style 8.5). Besides BenchmarkDotNet's own arguments (--filter, --job short, ...):
//   memory [--sims N]                     measured heap bytes per SIM of the in-memory tables
//   capture-decide FILE [--bindings-percent P] [--subscribers N] [--verify SECRET]
//                                         replay a pcap through parse + verdict once, for side-by-side timing
//   seed-store DIR [--subscribers N] [--bindings-percent P]
//                                         the same bindings in a real store, for timing imeiguard replay
//   lookup-latency [--bindings N] [--threads T] [--seconds S]
//                                         near-cache hits: lookups/s and p50/p99/p99.9 per lookup
return args switch
{
    ["memory", .. var rest] => MemoryPerSimCommand.Run(rest),
    ["capture-decide", .. var rest] => CaptureDecideCommand.Run(rest),
    ["seed-store", .. var rest] => SeedStoreCommand.Run(rest),
    ["lookup-latency", .. var rest] => LookupLatencyCommand.Run(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create());
    return 0;
}
