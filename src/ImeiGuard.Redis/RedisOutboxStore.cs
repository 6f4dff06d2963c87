using System.Globalization;
using ImeiGuard.Core.Enforcement;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// The outbox of a fleet: commands in hashes with pending/delivered/dead indexes and a queue per SIM, and a
/// Redis Stream whose consumer group hands each command to one instance's dispatcher. An instance acknowledges
/// (XACK) an entry only when its command is delivered or dead-lettered; one that dies holding entries stops
/// reading them, and after <see cref="RedisOptions.ClaimIdleTime"/> another instance claims them (XAUTOCLAIM).
/// A SIM's commands go out in sequence order because only the head of its queue is ever due, whoever holds
/// the later ones; the idempotency key stays the command's, so an OSS sees a retried or claimed command as the same.
/// </summary>
public sealed partial class RedisOutboxStore : IOutboxStore
{
    internal const string Group = "dispatch";

    private readonly RedisConnection _redis;
    private readonly RedisKeys _keys;
    private readonly long _claimIdleMs;
    private readonly Func<ulong, string?> _tenantOf;

    /// <param name="redis">The connection.</param>
    /// <param name="claimIdleTime">Pending deliveries idle this long are claimed from a dead consumer.</param>
    /// <param name="tenantOf">
    /// The tenant owning a SIM (packed IMSI), for tenant-scoped listings. Ownership lives in each instance's
    /// inventory, not in Redis, so it is asked here rather than kept beside every command.
    /// </param>
    public RedisOutboxStore(RedisConnection redis, TimeSpan claimIdleTime, Func<ulong, string?>? tenantOf = null)
    {
        _redis = redis;
        _keys = redis.Keys;
        _claimIdleMs = (long)claimIdleTime.TotalMilliseconds;
        _tenantOf = tenantOf ?? (static _ => null);
    }

    /// <summary>Moves one owed command into the outbox (idempotent by its key) and returns its sequence.</summary>
    internal long Relay(OwedCommand command) => (long)_redis.Script(
        EnqueueScript,
        [_keys.OutboxSequence, _keys.OutboxKeys, _keys.OutboxAll, _keys.OutboxPending, _keys.OutboxPendingCreated, _keys.OutboxDisconnect, _keys.OutboxStream],
        [_keys.CommandPrefix, _keys.QueuePrefix, command.CommandId, command.Kind, command.ImsiPacked, command.IdempotencyKey, command.Payload, command.CreatedAtMs]);

    /// <summary>Inserts a command directly (tests and tools; transitions go through the owed list).</summary>
    public long Enqueue(OutboxEntry entry) => Relay(OwedCommand.From(entry));

    public IReadOnlyList<OutboxEntry> GetPending(int max) => Query(_keys.OutboxPending, 0, max - 1, newestFirst: false).Items;

    public IReadOnlyList<OutboxEntry> GetDue(DateTimeOffset now, int max) => DecodeAll(_redis.Script(
        DueScript,
        [_keys.OutboxStream, _keys.OutboxPending],
        [Group, _redis.InstanceName, _claimIdleMs, max, now.ToUnixTimeMilliseconds(), _keys.CommandPrefix, _keys.QueuePrefix]));

    public void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus) => _redis.Script(
        DeliveredScript,
        [_keys.OutboxPending, _keys.OutboxPendingCreated, _keys.OutboxDelivered, _keys.OutboxStream],
        [_keys.CommandPrefix, _keys.QueuePrefix, _keys.EventsPrefix, sequence, at.ToUnixTimeMilliseconds(), httpStatus, Group,
            Event(at, OutboxEventKinds.Delivered, httpStatus, null)]);

    public void MarkAttemptFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error, DateTimeOffset? at = null) => _redis.Script(
        FailedScript,
        [_keys.OutboxAll], // not read: it routes the script to the outbox's slot
        [_keys.CommandPrefix, _keys.EventsPrefix, sequence, nextAttemptAt.ToUnixTimeMilliseconds(), httpStatus is { } s ? (RedisValue)s : RedisValue.EmptyString, error,
            Event(at ?? DateTimeOffset.UtcNow, OutboxEventKinds.AttemptFailed, httpStatus, error)]);

    public IReadOnlyList<OutboxEntry> DeadLetterOlderThan(DateTimeOffset createdBefore, DateTimeOffset at) => DecodeAll(_redis.Script(
        DeadLetterScript,
        [_keys.OutboxPending, _keys.OutboxPendingCreated, _keys.OutboxDead, _keys.OutboxStream],
        [_keys.CommandPrefix, _keys.QueuePrefix, _keys.EventsPrefix, createdBefore.ToUnixTimeMilliseconds(), at.ToUnixTimeMilliseconds(), Group]));

    public (IReadOnlyList<OutboxEntry> Items, long Total) List(int page, int size, OutboxStatus? status, string? tenant = null)
    {
        var index = status switch
        {
            OutboxStatus.Pending => _keys.OutboxPending,
            OutboxStatus.Delivered => _keys.OutboxDelivered,
            OutboxStatus.DeadLetter => _keys.OutboxDead,
            _ => _keys.OutboxAll,
        };
        var start = (long)page * size;
        if (tenant is null)
        {
            return Query(index, start, start + size - 1, newestFirst: true);
        }

        // A tenant's page is cut from the whole index, filtered here: a control-plane read, linear in the
        // outbox's size (docs/redis.md), never on the decision path.
        var mine = Query(index, 0, -1, newestFirst: true).Items
            .Where(e => string.Equals(_tenantOf(e.ImsiPacked), tenant, StringComparison.Ordinal))
            .ToList();
        return ([.. mine.Skip((int)Math.Min(start, mine.Count)).Take(size)], mine.Count);
    }

    public long CountPending() => _redis.Run(db => db.SortedSetLength(_keys.OutboxPending));

    public OutboxStats GetStats()
    {
        var reply = (RedisResult[])_redis.Script(StatsScript, [_keys.OutboxPending, _keys.OutboxPendingCreated, _keys.OutboxDead], [])!;
        var oldest = (RedisResult[])reply[1]!;
        return new OutboxStats(
            (long)reply[0],
            oldest.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)oldest[1]),
            (long)reply[2]);
    }

    public IReadOnlyList<OutboxEntry> GetBlocksAwaitingDisconnect(DateTimeOffset createdSince, int max) => DecodeAll(_redis.Script(
        ClaimDisconnectScript,
        [_keys.OutboxDisconnect],
        [_keys.CommandPrefix, createdSince.ToUnixTimeMilliseconds(), max]));

    public void RecordDisconnect(long sequence, DisconnectOutcome outcome, int? radiusCode, string? detail, DateTimeOffset at) => _redis.Script(
        DisconnectScript,
        [_keys.OutboxAll], // not read: it routes the script to the outbox's slot
        [_keys.CommandPrefix, _keys.EventsPrefix, sequence, (int)outcome,
            Event(at, OutboxEventKinds.DisconnectPrefix + DisconnectOutcomes.Name(outcome), radiusCode, detail)]);

    public IReadOnlyList<OutboxEvent> GetHistory(long sequence, string? tenant = null)
    {
        if (tenant is not null)
        {
            // Another tenant's command answers exactly like one that does not exist: no history.
            var imsi = _redis.Run(db => db.HashGet(_keys.Command(sequence), "imsi"));
            if (!imsi.HasValue || !string.Equals(_tenantOf(ulong.Parse(imsi.ToString(), CultureInfo.InvariantCulture)), tenant, StringComparison.Ordinal))
            {
                return [];
            }
        }

        return [.. _redis.Run(db => db.ListRange(_keys.Events(sequence))).Select(v => DecodeEvent(sequence, v.ToString()))];
    }

    private (IReadOnlyList<OutboxEntry> Items, long Total) Query(RedisKey index, long start, long stop, bool newestFirst)
    {
        var reply = (RedisResult[])_redis.Script(QueryScript, [index], [_keys.CommandPrefix, start, stop, newestFirst ? "1" : "0"])!;
        var items = new List<OutboxEntry>(reply.Length - 1);
        for (var i = 1; i < reply.Length; i++)
        {
            items.Add(Decode(reply[i]));
        }

        return (items, (long)reply[0]);
    }

    private static List<OutboxEntry> DecodeAll(RedisResult reply)
    {
        var hashes = (RedisResult[])reply!;
        var list = new List<OutboxEntry>(hashes.Length);
        foreach (var hash in hashes)
        {
            list.Add(Decode(hash));
        }

        return list;
    }

    private static OutboxEntry Decode(RedisResult hash)
    {
        var items = (RedisResult[])hash!;
        var f = new Dictionary<string, string>(items.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            f[(string)items[i]!] = (string)items[i + 1]!;
        }

        return new OutboxEntry
        {
            Sequence = Long(f, "seq"),
            CommandId = f["id"],
            Kind = f["kind"],
            ImsiPacked = ulong.Parse(f["imsi"], CultureInfo.InvariantCulture),
            IdempotencyKey = f["key"],
            Payload = f["payload"],
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(f, "created")),
            Status = (OutboxStatus)Long(f, "status"),
            Attempts = (int)Long(f, "attempts"),
            NextAttemptAt = Long(f, "next") == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(f, "next")),
            DeliveredAt = f.ContainsKey("delivered") ? DateTimeOffset.FromUnixTimeMilliseconds(Long(f, "delivered")) : null,
            LastHttpStatus = f.ContainsKey("http") ? (int)Long(f, "http") : null,
            LastError = f.GetValueOrDefault("error"),
            Disconnect = (DisconnectOutcome)Long(f, "disc"),
        };
    }

    private static long Long(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : 0;

    private static string Event(DateTimeOffset at, string kind, int? code, string? detail) => string.Create(
        CultureInfo.InvariantCulture, $"{at.ToUnixTimeMilliseconds()}|{kind}|{code}|{detail}");

    private static OutboxEvent DecodeEvent(long sequence, string text)
    {
        var parts = text.Split('|', 4);
        return new OutboxEvent(
            sequence,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[0], CultureInfo.InvariantCulture)),
            parts[1],
            parts[2].Length == 0 ? null : int.Parse(parts[2], CultureInfo.InvariantCulture),
            parts[3].Length == 0 ? null : parts[3]);
    }
}
