using System.Collections.Concurrent;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>
/// The striped-lock table under the daemon's mix of threads: receive workers observing, the control plane writing
/// rules and enabling new SIMs (which grows the table), a near-cache adopting records, and the sighting flush.
/// </summary>
public sealed class BindingEnforcerConcurrencyTests
{
    private const int Observed = 1000, Enabled = 4000, Adopted = 2000, Rounds = 20;

    [Fact]
    public async Task Observe_WithConcurrentAdminWritesAdoptsAndFlushes_SerialisesEachSim()
    {
        var store = new CompareAndSetStore();
        var enforcer = new BindingEnforcer(store, new SubscriberDirectory(new NoRegistry()), TimeProvider.System);
        for (var i = 0; i < Observed; i++)
        {
            enforcer.Apply(Sim(i), LockAction.Enable);
        }

        var token = TestContext.Current.CancellationToken;
        var observers = Enumerable.Range(0, 2).Select(k => Task.Run(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                for (var i = 0; i < Observed; i++)
                {
                    var verdict = enforcer.Observe(new Observation
                    {
                        Imsi = Sim(i),
                        Pei = new Pei(Device(i), PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
                        AtUnixMs = 1_000_000 + (round * 2) + k,
                        Source = ObservationSource.RadiusAccounting,
                        SourceName = "concurrency",
                    });
                    Assert.True(verdict is VerdictKind.Paired or VerdictKind.Match, verdict.ToString());
                }
            }
        }, token));
        var admin = Task.Run(() =>
        {
            for (var i = 0; i < Enabled; i++)
            {
                enforcer.Apply(Sim(Observed + i), LockAction.Enable);
                enforcer.SetRules(Sim(i % Observed), null);
            }
        }, token);
        var adopter = Task.Run(() =>
        {
            for (var i = 0; i < Adopted; i++)
            {
                var n = Observed + Enabled + i;
                enforcer.Adopt(new BindingRecord { Imsi = Sim(n), State = LockState.Locked, BoundImei = Device(n), Version = 1 });
            }
        }, token);
        var flusher = Task.Run(() =>
        {
            while (!admin.IsCompleted || !adopter.IsCompleted)
            {
                enforcer.FlushSightings();
            }
        }, token);
        await Task.WhenAll([.. observers, admin, adopter, flusher]);

        Assert.Equal(0, store.Conflicts);
        Assert.Equal(Observed + Enabled + Adopted, enforcer.Count);
        for (var i = 0; i < Observed; i++)
        {
            Assert.Equal(1, store.Pairings.GetValueOrDefault(Sim(i).Packed));
            var binding = enforcer.Find(Sim(i))!;
            Assert.Equal((LockState.Locked, Device(i), Device(i)), (binding.State, binding.BoundImei, binding.LastSeen.Imei));
            Assert.Equal(store.Find(Sim(i))!.Version, binding.Version);
        }

        Assert.All(Enumerable.Range(Observed, Enabled), i => Assert.Equal(LockState.Armed, enforcer.Find(Sim(i))!.State));
        Assert.All(Enumerable.Range(Observed + Enabled, Adopted), i => Assert.Equal(Device(i), enforcer.Find(Sim(i))!.BoundImei));
        enforcer.FlushSightings();
        Assert.Equal(0, enforcer.FlushSightings());
    }

    private static Imsi Sim(int n) => Imsi.TryParse($"26201{n:D10}", out var imsi) ? imsi : throw new InvalidOperationException();

    private static Imei Device(int n) => Imei.FromValue(35_349_006_000_000UL + (ulong)n);

    /// <summary>Thread-safe, with the stores' compare-and-set on the version: one instance that serialises each SIM never conflicts.</summary>
    private sealed class CompareAndSetStore : IBindingStore
    {
        private readonly ConcurrentDictionary<ulong, BindingRecord> _records = new();
        private readonly Lock _writeGate = new();
        private int _conflicts;

        public int Conflicts
        {
            get
            {
                lock (_writeGate)
                {
                    return _conflicts;
                }
            }
        }

        public ConcurrentDictionary<ulong, int> Pairings { get; } = new();

        public IReadOnlyList<BindingRecord> LoadAll() => [.. _records.Values];

        public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
        {
            Write(record);
            if (historyEvent?.Kind == "paired")
            {
                Pairings.AddOrUpdate(record.Imsi.Packed, 1, static (_, n) => n + 1);
            }

            return 0;
        }

        public void SaveRules(BindingRecord record, BindingEvent historyEvent) => Write(record);

        public int SaveSightings(IReadOnlyList<BindingRecord> records) => 0;

        public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

        public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

        public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

        public BindingRecord? Find(Imsi imsi) => _records.GetValueOrDefault(imsi.Packed);

        private void Write(BindingRecord record)
        {
            lock (_writeGate)
            {
                if ((_records.GetValueOrDefault(record.Imsi.Packed)?.Version ?? 0) != record.Version - 1)
                {
                    _conflicts++;
                    throw new BindingConflictException(Find(record.Imsi));
                }

                // As the real stores: a record without a first sighting keeps the stored one.
                _records[record.Imsi.Packed] = record with { FirstSeen = record.FirstSeen ?? Find(record.Imsi)?.FirstSeen ?? default(Sighting) };
            }
        }
    }

    private sealed class NoRegistry : ISubscriberRegistry
    {
        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
