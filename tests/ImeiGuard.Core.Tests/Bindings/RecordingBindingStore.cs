using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>An in-memory store that keeps what the enforcer wrote: the last record per SIM and every outbox command, in order.</summary>
internal sealed class RecordingBindingStore : IBindingStore
{
    private readonly Dictionary<ulong, BindingRecord> _records = [];

    public List<OutboxEntry> Commands { get; } = [];

    /// <summary>Every sighting the write-behind flushed, in order.</summary>
    public List<BindingRecord> Sightings { get; } = [];

    public IReadOnlyList<BindingRecord> LoadAll() => [.. _records.Values];

    public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
    {
        _records[record.Imsi.Packed] = record;
        Commands.AddRange(commands);
        return 0;
    }

    public int SaveSightings(IReadOnlyList<BindingRecord> records)
    {
        Sightings.AddRange(records);
        foreach (var record in records)
        {
            if (_records.TryGetValue(record.Imsi.Packed, out var stored))
            {
                _records[record.Imsi.Packed] = stored with { LastSeen = record.LastSeen };
            }
        }

        return 0;
    }

    public void SaveRules(BindingRecord record, BindingEvent historyEvent) => _records[record.Imsi.Packed] = record;

    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

    public BindingRecord? Find(Imsi imsi) => _records.GetValueOrDefault(imsi.Packed);
}
