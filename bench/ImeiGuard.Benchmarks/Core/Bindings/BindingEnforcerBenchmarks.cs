using BenchmarkDotNet.Attributes;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Benchmarks.Core.Bindings;

/// <summary>
/// <see cref="BindingEnforcer.Observe"/> against a table of <see cref="Bindings"/> LOCKED SIMs: a hit (lookup, SIM
/// lock, verdict Match, last-seen update in place) and a miss (a SIM without binding: one dictionary miss).
/// The SIMs of an invocation are spread over the whole table, so the lookups miss the CPU caches as live traffic does.
/// Target: 0 B allocated. Returns the expected verdicts.
/// </summary>
public class BindingEnforcerBenchmarks
{
    public const int Keys = 4096;

    private readonly Imsi[] _hitImsis = new Imsi[Keys];
    private readonly Imei[] _hitDevices = new Imei[Keys];
    private readonly Imsi[] _missImsis = new Imsi[Keys];
    private BindingEnforcer _enforcer = null!;

    [Params(1_000_000)]
    public int Bindings { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _enforcer = BenchEnforcer.Create(Bindings);
        var random = new Random(8);
        for (var i = 0; i < Keys; i++)
        {
            var subscriber = random.Next(Bindings);
            _hitImsis[i] = SubscriberPopulation.Imsi(subscriber);
            _hitDevices[i] = SubscriberPopulation.Device(subscriber);
            _missImsis[i] = SubscriberPopulation.Imsi(Bindings + i);
        }
    }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int ObserveHit() => BenchObservations.Observe(_enforcer, _hitImsis, _hitDevices, VerdictKind.Match);

    [Benchmark(OperationsPerInvoke = Keys)]
    public int ObserveMiss() => BenchObservations.Observe(_enforcer, _missImsis, _hitDevices, VerdictKind.NotEnforced);
}
