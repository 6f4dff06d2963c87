using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// The store a backtest decides against. It loads the real bindings; with <c>apply</c> it writes transitions
/// and their commands through to the real store, otherwise it drops them, so the replay runs on an in-memory
/// copy (the <see cref="BindingEnforcer"/> table) and the database is left as it was. Either way it counts
/// what was (or would have been) written.
/// </summary>
internal sealed class ReplayBindingStore(IBindingStore inner, bool apply) : IBindingStore
{
    /// <summary>State changes: pairings and violations.</summary>
    public int Transitions { get; private set; }

    /// <summary>Block commands created for the outbox.</summary>
    public int Commands { get; private set; }

    public bool Applies => apply;

    public IReadOnlyList<BindingRecord> LoadAll() => inner.LoadAll();

    public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
    {
        Transitions++;
        Commands += commands.Count;
        return apply ? inner.SaveTransition(record, commands, historyEvent) : 0;
    }

    public int SaveSightings(IReadOnlyList<BindingRecord> records) => apply ? inner.SaveSightings(records) : 0;

    /// <summary>A backtest never changes rules; a dry run drops the write like any other.</summary>
    public void SaveRules(BindingRecord record, BindingEvent historyEvent)
    {
        if (apply)
        {
            inner.SaveRules(record, historyEvent);
        }
    }

    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => inner.CountEvents(imsi, kind, sinceUnixMs);

    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => inner.ReadHistory(imsi, page, size);

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => inner.ReadPairings(imsi, page, size);

    public BindingRecord? Find(Imsi imsi) => inner.Find(imsi);
}
