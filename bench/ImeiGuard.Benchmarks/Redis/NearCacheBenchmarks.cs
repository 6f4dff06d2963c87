using BenchmarkDotNet.Attributes;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Redis;

namespace ImeiGuard.Benchmarks.Redis;

/// <summary>
/// A near-cache hit with the Redis store (<c>ImeiGuard:Store=Redis</c>): <see cref="BindingEnforcer.Observe"/> over a
/// warm table of <see cref="Bindings"/> LOCKED SIMs with a <see cref="NearCache"/> attached, for a cached binding
/// (verdict Match) and for a SIM the near-cache knows has none (NotEnforced). Neither touches Redis. Target: 0 B.
/// </summary>
public class NearCacheBenchmarks
{
    public const int Keys = 4096;

    private readonly Imsi[] _boundImsis = new Imsi[Keys];
    private readonly Imei[] _devices = new Imei[Keys];
    private readonly Imsi[] _absentImsis = new Imsi[Keys];
    private BindingEnforcer _enforcer = null!;

    [Params(1_000_000)]
    public int Bindings { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var cache = new NearCache(static () => true, new RedisOptions { AbsentCapacity = 4 * Keys });
        _enforcer = new BindingEnforcer(new GeneratedBindingStore(Bindings), new SubscriberDirectory(BenchEnforcer.EmptyRegistry.Instance), TimeProvider.System, deferred: cache);
        _enforcer.Load(); // a warm near-cache: every binding fetched once
        var random = new Random(8);
        for (var i = 0; i < Keys; i++)
        {
            var subscriber = random.Next(Bindings);
            _boundImsis[i] = SubscriberPopulation.Imsi(subscriber);
            _devices[i] = SubscriberPopulation.Device(subscriber);
            _absentImsis[i] = SubscriberPopulation.Imsi(Bindings + i);
            cache.Complete(_absentImsis[i].Packed, absent: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int HitBinding() => BenchObservations.Observe(_enforcer, _boundImsis, _devices, VerdictKind.Match);

    [Benchmark(OperationsPerInvoke = Keys)]
    public int HitAbsent() => BenchObservations.Observe(_enforcer, _absentImsis, _devices, VerdictKind.NotEnforced);
}
