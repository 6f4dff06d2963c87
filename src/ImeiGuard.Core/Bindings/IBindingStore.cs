using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Durable bindings. A transition and the commands it causes are written in ONE transaction, so a
/// crash can never leave a violation without its block command or a block without its state.
/// </summary>
public interface IBindingStore
{
    /// <summary>Every binding with its rules, for the in-memory table at startup.</summary>
    IReadOnlyList<BindingRecord> LoadAll();

    /// <summary>Writes the binding and appends the commands to the outbox atomically; fills in their sequences.</summary>
    void SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands);

    /// <summary>Write-behind of last-seen data, which is not worth a transaction per packet.</summary>
    void SaveSightings(IReadOnlyList<BindingRecord> records);

    /// <summary>Replaces a SIM's device rules and policy override (null removes them), with its binding row.</summary>
    void SaveRules(BindingRecord record);

    /// <summary>Reads one binding from the database (diagnostics; the hot path never calls it).</summary>
    BindingRecord? Find(Imsi imsi);
}
