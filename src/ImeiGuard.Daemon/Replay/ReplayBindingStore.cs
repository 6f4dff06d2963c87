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

    public void SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands)
    {
        if (apply)
        {
            inner.SaveTransition(record, commands);
        }

        Transitions++;
        Commands += commands.Count;
    }

    public void SaveSightings(IReadOnlyList<BindingRecord> records)
    {
        if (apply)
        {
            inner.SaveSightings(records);
        }
    }

    public BindingRecord? Find(Imsi imsi) => inner.Find(imsi);
}
