using BenchmarkDotNet.Attributes;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
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
    public int HitBinding() => Observe(_boundImsis, VerdictKind.Match);

    [Benchmark(OperationsPerInvoke = Keys)]
    public int HitAbsent() => Observe(_absentImsis, VerdictKind.NotEnforced);

    private int Observe(Imsi[] imsis, VerdictKind expected)
    {
        var n = 0;
        for (var i = 0; i < imsis.Length; i++)
        {
            var observation = new Observation
            {
                Imsi = imsis[i],
                Pei = new Pei(_devices[i], PeiKind.Imeisv16, PeiWireForm.Ascii, 1, null),
                AtUnixMs = 1_724_568_000_000 + i,
                Source = ObservationSource.RadiusAccounting,
                NasIp = 0xC000020A,
            };
            if (_enforcer.Observe(observation) == expected)
            {
                n++;
            }
        }

        return n;
    }
}
