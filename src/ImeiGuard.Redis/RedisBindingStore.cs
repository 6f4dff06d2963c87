using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// Bindings in Redis, shared by every instance of a fleet. Each write is one Lua script on the SIM's slot:
/// a compare-and-set on the binding's version (so of two instances deciding from stale copies exactly one
/// wins, and the other gets <see cref="BindingConflictException"/> with the winner's record), its history
/// event, its pairing, the commands it owes, and an invalidation message for the other instances' near-caches.
/// The owed commands are then moved into the outbox (<see cref="RedisOutboxStore.Relay"/>).
/// </summary>
public sealed partial class RedisBindingStore : IBindingStore
{
    private readonly RedisConnection _redis;
    private readonly RedisKeys _keys;
    private readonly RedisOutboxStore _outbox;
    private readonly long _cloneWindowMs;
    private readonly RedisSubscriptionStore? _subscriptions;

    /// <param name="redis">The connection.</param>
    /// <param name="outbox">Where owed commands go.</param>
    /// <param name="cloneWindowMs">Two SIMs seen with one IMEI within this many ms are flagged as a cloned IMEI. Default 5 min.</param>
    /// <param name="subscriptions">CAMARA subscriptions: a violation of a watched SIM records their notifications in its own script.</param>
    public RedisBindingStore(RedisConnection redis, RedisOutboxStore outbox, long cloneWindowMs = 300_000, RedisSubscriptionStore? subscriptions = null)
    {
        _redis = redis;
        _keys = redis.Keys;
        _outbox = outbox;
        _cloneWindowMs = cloneWindowMs;
        _subscriptions = subscriptions;
    }

    /// <summary>Every binding, by a SCAN of each primary (replay and diagnostics; the daemon fills its near-cache lazily).</summary>
    public IReadOnlyList<BindingRecord> LoadAll()
    {
        var list = new List<BindingRecord>();
        foreach (var (_, imsi) in ScanSims(_keys.Prefix + ":{*}:b"))
        {
            if (Find(imsi) is { } record)
            {
                list.Add(record);
            }
        }

        return list;
    }

    /// <summary>The SIM keys matching a glob, by a SCAN of every connected primary (a cluster's keys are spread over them).</summary>
    private IEnumerable<(RedisKey Key, Imsi Imsi)> ScanSims(string pattern)
    {
        foreach (var server in _redis.Multiplexer.GetServers())
        {
            if (server.IsReplica || !server.IsConnected)
            {
                continue;
            }

            // Read whole before the caller acts on any (mapped like every call): a SCAN that fails half-way is then
            // a StoreUnavailableException for the caller to retry, not an exception from inside its loop.
            foreach (var key in _redis.Run(_ => server.Keys(pattern: pattern, pageSize: 1000).ToList()))
            {
                var text = key.ToString();
                var open = text.IndexOf('{', StringComparison.Ordinal);
                var close = text.IndexOf('}', open + 1);
                if (Imsi.TryParse(text[(open + 1)..close], out var imsi))
                {
                    yield return (key, imsi);
                }
            }
        }
    }

    public BindingRecord? Find(Imsi imsi) => Decode(imsi, _redis.Run(db => db.HashGetAll(_keys.Binding(imsi))));

    /// <summary>
    /// Reads many bindings with one pipelined burst (the near-cache's batched miss path): the calls are written
    /// back to back and awaited together; in a cluster each goes to its slot's primary.
    /// </summary>
    public Task<BindingRecord?[]> FindManyAsync(IReadOnlyList<Imsi> imsis) => _redis.RunAsync(async db =>
    {
        var reads = new Task<HashEntry[]>[imsis.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = db.HashGetAllAsync(_keys.Binding(imsis[i]));
        }

        await Task.WhenAll(reads);
        var records = new BindingRecord?[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            records[i] = Decode(imsis[i], await reads[i]);
        }

        return records;
    });

    public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
    {
        var owed = new string[commands.Count];
        for (var i = 0; i < owed.Length; i++)
        {
            owed[i] = JsonSerializer.Serialize(OwedCommand.From(commands[i]), RedisJsonContext.Default.OwedCommand);
        }

        var fields = StateFields(record);
        for (var attempt = 1; ; attempt++)
        {
            // A subscription of this SIM created or ended between reading its watchers and the write: read them again.
            var notifications = _subscriptions?.Prepare(record, historyEvent) ?? OwedNotifications.None;
            if (Save(record, "state", fields, historyEvent, owed, notifications))
            {
                RelayOwed(record.Imsi, owed);
                _subscriptions?.RelayOwed(record.Imsi, notifications.Owed);
                return DetectClone(record);
            }

            if (attempt == MaxWatcherRetries)
            {
                throw new BindingConflictException(Find(record.Imsi));
            }
        }
    }

    /// <summary>Re-reads of a SIM's CAMARA watchers before the transition gives up (as a conflict: the enforcer decides again).</summary>
    private const int MaxWatcherRetries = 5;

    public void SaveRules(BindingRecord record, BindingEvent historyEvent)
    {
        var fields = StateFields(record);
        if (record.Rules is { } rules)
        {
            AddRuleFields(fields, rules);
        }

        Save(record, record.Rules is null ? "rules_clear" : "rules", fields, historyEvent, [], OwedNotifications.None);
    }

    /// <summary>The compare-and-set write; false when the SIM's CAMARA watchers moved since <paramref name="notifications"/> were made.</summary>
    private bool Save(BindingRecord record, string mode, List<RedisValue> fields, BindingEvent? historyEvent, string[] owed, OwedNotifications notifications)
    {
        var imsi = record.Imsi;
        var seen = record.LastSeen;
        var pairing = seen.IsPresent && !seen.Imei.IsEmpty;
        var args = new List<RedisValue>(fields.Count + owed.Length + 8)
        {
            record.Version - 1,
            _keys.Invalidations.ToString(),
            InvalidationMessage(imsi),
            mode,
            fields.Count / 2,
        };
        args.AddRange(fields);
        args.Add(historyEvent is null ? string.Empty : EncodeEvent(historyEvent));
        args.Add(pairing ? ImeiValue(seen.Imei) : string.Empty);
        args.Add(seen.AtUnixMs);
        args.Add(owed.Length);
        foreach (var command in owed)
        {
            args.Add(command);
        }

        args.Add(notifications.WatchersVersion);
        foreach (var notification in notifications.Owed)
        {
            args.Add(notification);
        }

        var reply = (RedisResult[])_redis.Script(
            SaveScript,
            [_keys.Binding(imsi), _keys.History(imsi), _keys.Owed(imsi), _keys.Pairings(imsi), _keys.Watchers(imsi), _keys.OwedNotifications(imsi)],
            [.. args])!;
        return (long)reply[0] switch
        {
            0 => throw new BindingConflictException(Decode(imsi, reply[1])),
            2 => false,
            _ => true,
        };
    }

    /// <summary>Moves a SIM's owed commands into the outbox, then takes exactly those off the owed list.</summary>
    internal void RelayOwed(Imsi imsi, IReadOnlyList<string> owed)
    {
        foreach (var json in owed)
        {
            var command = JsonSerializer.Deserialize(json, RedisJsonContext.Default.OwedCommand)!;
            _outbox.Relay(command);
            _redis.Run(db => db.ListRemove(_keys.Owed(imsi), json, 1));
        }
    }

    /// <summary>
    /// The sweep for commands and CAMARA notifications owed by transitions whose instance died before relaying them: a
    /// SCAN of each primary for owed lists. Returns how many it relayed (duplicates of ones already relayed are ignored).
    /// </summary>
    public int RelayOrphanedCommands()
    {
        var relayed = 0;
        foreach (var (key, imsi) in ScanSims(_keys.OwedPattern))
        {
            var owed = _redis.Run(db => db.ListRange(key)).Select(static v => v.ToString()).ToArray();
            if (!key.ToString().EndsWith(":" + RedisKeys.OwedNotificationsSuffix, StringComparison.Ordinal))
            {
                RelayOwed(imsi, owed);
            }
            else if (_subscriptions is not null)
            {
                _subscriptions.RelayOwed(imsi, owed);
            }
            else
            {
                continue;
            }

            relayed += owed.Length;
        }

        return relayed;
    }

    /// <summary>"instance|imsi": receivers skip their own messages.</summary>
    private string InvalidationMessage(Imsi imsi) => _redis.InstanceName + "|" + imsi.ToString();
}
