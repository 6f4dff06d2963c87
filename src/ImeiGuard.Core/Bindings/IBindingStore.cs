using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Durable bindings. A transition and the commands it causes are written in ONE transaction, so a
/// crash can never leave a violation without its block command or a block without its state.
/// </summary>
/// <remarks>
/// The first sighting is the store's alone (the binding table does not keep it): <see cref="SaveTransition"/> and
/// <see cref="SaveRules"/> write <see cref="BindingRecord.FirstSeen"/> only when the record has one, which only a
/// pairing sets, and otherwise keep the stored one; <see cref="SaveSightings"/> never writes it. Every record a
/// store returns has it (empty when never paired).
/// </remarks>
public interface IBindingStore
{
    /// <summary>Every binding with its rules, for the in-memory table at startup.</summary>
    IReadOnlyList<BindingRecord> LoadAll();

    /// <summary>
    /// Writes the binding, appends the commands to the outbox and the event to the SIM's history atomically;
    /// fills in the commands' sequences. Returns how many cloned-IMEI sightings the pairing update found.
    /// </summary>
    int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null);

    /// <summary>
    /// Write-behind of last-seen data and of the IMSI↔IMEI pairings it shows, which are not worth a
    /// transaction per packet. Returns how many cloned-IMEI sightings it found.
    /// </summary>
    int SaveSightings(IReadOnlyList<BindingRecord> records);

    /// <summary>Replaces a SIM's device rules and policy override (null removes them), with its binding row.</summary>
    void SaveRules(BindingRecord record, BindingEvent historyEvent);

    /// <summary>How many events of one kind the SIM's history holds since a time (the rebind quota).</summary>
    long CountEvents(Imsi imsi, string kind, long sinceUnixMs);

    /// <summary>A page of the SIM's history, newest first.</summary>
    (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size);

    /// <summary>A page of the SIM's devices (IMSI↔IMEI pairings), most recently seen first.</summary>
    (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size);

    /// <summary>Reads one binding from the database (diagnostics; the hot path never calls it).</summary>
    BindingRecord? Find(Imsi imsi);
}
