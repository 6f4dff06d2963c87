using System.Collections;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Benchmarks.Support;

/// <summary>
/// A binding store whose <see cref="LoadAll"/> yields LOCKED bindings for the subscribers of the load generator's
/// population (each bound to its own device), made one at a time so that loading 10 million of them keeps only the
/// enforcer's table in memory. Writes are counted and dropped: the benchmarks that use it measure the hot path.
/// </summary>
public sealed class GeneratedBindingStore : IBindingStore
{
    private readonly int _subscribers;
    private readonly int _lockedPercent;

    /// <param name="subscribers">Population size.</param>
    /// <param name="lockedPercent">Subscribers with <c>i % 100 &lt; lockedPercent</c> get a binding (as the load generator's seeder does).</param>
    public GeneratedBindingStore(int subscribers, int lockedPercent = 100)
    {
        _subscribers = subscribers;
        _lockedPercent = lockedPercent;
    }

    public long Transitions { get; private set; }

    public IReadOnlyList<BindingRecord> LoadAll() => new Records(_subscribers, _lockedPercent);

    public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
    {
        Transitions++;
        return 0;
    }

    public int SaveSightings(IReadOnlyList<BindingRecord> records) => 0;

    public void SaveRules(BindingRecord record, BindingEvent historyEvent)
    {
    }

    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

    public BindingRecord? Find(Imsi imsi) => null;

    /// <summary>The record of subscriber <paramref name="index"/>: LOCKED to its own device.</summary>
    public static BindingRecord Locked(int index) => new()
    {
        Imsi = SubscriberPopulation.Imsi(index),
        State = LockState.Locked,
        BoundImei = SubscriberPopulation.Device(index),
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A lazily generated list: enumerating it creates one record at a time.</summary>
    private sealed class Records(int subscribers, int lockedPercent) : IReadOnlyList<BindingRecord>
    {
        public int Count => (int)(((long)subscribers / 100 * lockedPercent) + Math.Min(subscribers % 100, lockedPercent));

        public BindingRecord this[int index] => throw new NotSupportedException("enumerate instead");

        public IEnumerator<BindingRecord> GetEnumerator()
        {
            for (var i = 0; i < subscribers; i++)
            {
                if (i % 100 < lockedPercent)
                {
                    yield return Locked(i);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
