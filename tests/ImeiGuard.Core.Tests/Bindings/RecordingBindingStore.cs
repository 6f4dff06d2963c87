using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>An in-memory store that keeps what the enforcer wrote: the last record per SIM and every outbox command, in order.</summary>
internal sealed class RecordingBindingStore : IBindingStore
{
    private readonly Dictionary<ulong, BindingRecord> _records = [];

    public List<OutboxEntry> Commands { get; } = [];

    /// <summary>Every record written, as the enforcer passed it, with its history event's kind.</summary>
    public List<(string? Kind, BindingRecord Record)> Writes { get; } = [];

    public IReadOnlyList<BindingRecord> LoadAll() => [.. _records.Values];

    public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
    {
        Write(record, historyEvent);
        Commands.AddRange(commands);
        return 0;
    }

    public int SaveSightings(IReadOnlyList<BindingRecord> records)
    {
        foreach (var record in records)
        {
            if (_records.TryGetValue(record.Imsi.Packed, out var stored))
            {
                _records[record.Imsi.Packed] = stored with { LastSeen = record.LastSeen };
            }
        }

        return 0;
    }

    public void SaveRules(BindingRecord record, BindingEvent historyEvent) => Write(record, historyEvent);

    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

    public BindingRecord? Find(Imsi imsi) => _records.GetValueOrDefault(imsi.Packed);

    /// <summary>As the real stores: a record without a first sighting keeps the stored one.</summary>
    private void Write(BindingRecord record, BindingEvent? historyEvent)
    {
        Writes.Add((historyEvent?.Kind, record));
        _records[record.Imsi.Packed] = record with { FirstSeen = record.FirstSeen ?? Find(record.Imsi)?.FirstSeen ?? default(Sighting) };
    }
}
