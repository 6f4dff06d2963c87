using System.Globalization;
using ImeiGuard.Core.Camara;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// CAMARA subscriptions and their notification queue for a fleet. Subscriptions, notifications and the delivery
/// stream live in the <c>{camara}</c> slot, so any instance lists, ends and delivers them; each SIM's slot keeps its
/// watchers (the active subscriptions' ids, types and devices, with a version), which the binding store's
/// transition script compares, so a violation records the notifications it causes in the same script as the
/// violation itself (docs/redis.md, "CAMARA notifications"). Moving them into the queue is a second, idempotent step,
/// as for outbox commands; a subscription's lifecycle keeps its SIM's watchers in step after each change.
/// </summary>
public sealed partial class RedisSubscriptionStore : ISubscriptionStore
{
    internal const string Group = "notify";

    private readonly RedisConnection _redis;
    private readonly RedisKeys _keys;
    private readonly CloudEventWriter _events;
    private readonly TimeProvider _time;
    private readonly long _claimIdleMs;

    /// <param name="redis">The connection.</param>
    /// <param name="events">Writes every event, as with the embedded store.</param>
    /// <param name="time">The clock of queueing and ending.</param>
    /// <param name="claimIdleTime">Pending deliveries idle this long are claimed from a dead consumer (<see cref="RedisOptions.ClaimIdleTime"/>).</param>
    public RedisSubscriptionStore(RedisConnection redis, CloudEventWriter events, TimeProvider time, TimeSpan claimIdleTime)
    {
        _redis = redis;
        _keys = redis.Keys;
        _events = events;
        _time = time;
        _claimIdleMs = (long)claimIdleTime.TotalMilliseconds;
    }

    public void Create(FraudSubscription subscription, PendingEvent? initialEvent)
    {
        // The SIM's watchers first: from here on a violation of the SIM records an event for it (one that comes before
        // the subscription below exists is dropped when relayed, as if it had come before the create).
        Watch(subscription.Imsi, subscription.Id, subscription.EventType + "\n" + subscription.DeviceJson);
        try
        {
            var now = Now();
            PendingEvent[] events = initialEvent is null ? [_events.Started(subscription.Id)] : [_events.Started(subscription.Id), initialEvent];
            var args = new List<RedisValue>
            {
                subscription.Id, now, subscription.Tenant ?? string.Empty, subscription.StartsAt.ToUnixTimeMilliseconds(),
                Ms(subscription.ExpireTime), Ms(subscription.AccessTokenExpiresAt),
            };
            var fields = Fields(subscription);
            args.Add(fields.Count / 2);
            args.AddRange(fields);
            args.Add(events.Length);
            foreach (var e in events)
            {
                args.AddRange([e.EventId, e.Type, e.Payload, e.Counted ? "1" : "0"]);
            }

            AddEvent(args, MaxEventsEnded(subscription.Id));
            if ((long)Script(CreateScript, args) != (long)SubscriptionStatus.Active)
            {
                Unwatch(subscription.Imsi, subscription.Id); // the initial event used up subscriptionMaxEvents
            }
        }
        catch
        {
            TryUnwatch(subscription.Imsi, subscription.Id);
            throw;
        }
    }

    public FraudSubscription? Find(string id) =>
        Decode(_redis.Run(db => db.HashGetAll(_keys.Subscription(id)))) is { Status: not SubscriptionStatus.Deleted } s ? s : null;

    public IReadOnlyList<FraudSubscription> List(string? tenant, int max)
    {
        RedisKey index = tenant is null ? _keys.CamaraSubscriptions : _keys.TenantSubscriptionsPrefix + tenant;
        var reply = (RedisResult[])_redis.Script(ListScript, [index], [_keys.SubscriptionPrefix, max])!;
        var list = new List<FraudSubscription>(reply.Length);
        foreach (var hash in reply)
        {
            if (Decode(Pairs(hash)) is { } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    public bool Delete(string id)
    {
        var ended = _events.Ended(id, SubscriptionTermination.SubscriptionDeleted, "The subscription was deleted by its consumer.");
        var reply = (RedisResult[])Script(EndScript, [id, (int)SubscriptionStatus.Deleted, Now(), ended.EventId, ended.Type, ended.Payload])!;
        AfterEnd(id, reply);
        return (long)reply[0] == 1;
    }

    public int EndDue(DateTimeOffset now, TimeSpan tokenLead)
    {
        var due = (RedisResult[])Script(DueToEndScript, [now.ToUnixTimeMilliseconds(), (now + tokenLead).ToUnixTimeMilliseconds()])!;
        var count = 0;
        for (var i = 0; i + 1 < due.Length; i += 2)
        {
            var id = (string)due[i]!;
            var byTime = long.TryParse((string?)due[i + 1], CultureInfo.InvariantCulture, out var expire) && expire <= now.ToUnixTimeMilliseconds();
            var ended = byTime
                ? _events.Ended(id, SubscriptionTermination.SubscriptionExpired, "The subscription expire time has been reached.")
                : _events.Ended(id, SubscriptionTermination.AccessTokenExpired, "The sink access token expires.");
            var reply = (RedisResult[])Script(EndScript, [id, (int)SubscriptionStatus.Expired, Now(), ended.EventId, ended.Type, ended.Payload])!;
            AfterEnd(id, reply);
            count += (int)(long)reply[0];
        }

        return count;
    }

    public void EndGone(string subscriptionId)
    {
        var imsi = (string?)Script(GoneScript, [subscriptionId, Now()]);
        if (Imsi.TryParse(imsi, out var sim))
        {
            Unwatch(sim, subscriptionId);
        }
    }

    /// <summary>An end that changed an active subscription takes it off its SIM's watchers.</summary>
    private void AfterEnd(string id, RedisResult[] reply)
    {
        if ((long)reply[1] == 1 && Imsi.TryParse((string?)reply[2], out var imsi))
        {
            Unwatch(imsi, id);
        }
    }

    private void Watch(Imsi imsi, string id, string typeAndDevice) =>
        _redis.Script(WatchScript, [_keys.Watchers(imsi)], ["1", id, typeAndDevice]);

    private void Unwatch(Imsi imsi, string id) => _redis.Script(WatchScript, [_keys.Watchers(imsi)], ["0", id, string.Empty]);

    /// <summary>After a failed create: a watcher left behind only costs a dropped event, so a second failure is ignored.</summary>
    private void TryUnwatch(Imsi imsi, string id)
    {
        try
        {
            Unwatch(imsi, id);
        }
        catch (Exception ex) when (ex is Core.Bindings.StoreUnavailableException or RedisException)
        {
        }
    }

    /// <summary>Runs a <see cref="Common"/>-based script on the <c>{camara}</c> slot with its fixed keys and prefixes.</summary>
    private RedisResult Script(string script, IEnumerable<RedisValue> args) => _redis.Script(
        script,
        [_keys.CamaraSequence, _keys.CamaraEventIds, _keys.CamaraSubscriptions, _keys.CamaraActive, _keys.CamaraExpiring,
            _keys.CamaraTokens, _keys.CamaraPending, _keys.CamaraPendingCreated, _keys.CamaraStream],
        [_keys.SubscriptionPrefix, _keys.TenantSubscriptionsPrefix, _keys.NotificationPrefix, _keys.NotificationQueuePrefix, .. args]);

    /// <summary>The subscription-ended event a counted event queues when it reaches subscriptionMaxEvents (unused otherwise).</summary>
    private PendingEvent MaxEventsEnded(string id) =>
        _events.Ended(id, SubscriptionTermination.MaxEventsReached, "The maximum number of events has been sent.");

    private static void AddEvent(List<RedisValue> args, PendingEvent e) => args.AddRange([e.EventId, e.Type, e.Payload]);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static RedisValue Ms(DateTimeOffset? at) => at is { } t ? t.ToUnixTimeMilliseconds() : RedisValue.EmptyString;

    private static List<RedisValue> Fields(FraudSubscription s)
    {
        List<RedisValue> fields =
        [
            "id", s.Id, "imsi", s.Imsi.ToString(), "type", s.EventType, "owner", s.Owner, "sink", s.Sink,
            "initial", s.InitialEvent ? 1 : 0, "sent", 0, "status", 0, "starts", s.StartsAt.ToUnixTimeMilliseconds(),
        ];
        AddIfSet(fields, "tenant", s.Tenant);
        AddIfSet(fields, "token", s.AccessToken);
        AddIfSet(fields, "tokexp", s.AccessTokenExpiresAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        AddIfSet(fields, "device", s.DeviceJson);
        AddIfSet(fields, "expire", s.ExpireTime?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        AddIfSet(fields, "max", s.MaxEvents?.ToString(CultureInfo.InvariantCulture));
        return fields;
    }

    private static void AddIfSet(List<RedisValue> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(name);
            fields.Add(value);
        }
    }

    private static Dictionary<string, string> Pairs(RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        var f = new Dictionary<string, string>(items.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            f[(string)items[i]!] = (string)items[i + 1]!;
        }

        return f;
    }

    private static FraudSubscription? Decode(HashEntry[] entries) =>
        Decode(entries.ToDictionary(static e => (string)e.Name!, static e => (string)e.Value!, StringComparer.Ordinal));

    private static FraudSubscription? Decode(Dictionary<string, string> f) => f.Count == 0 || !Imsi.TryParse(f["imsi"], out var imsi) ? null : new FraudSubscription
    {
        Id = f["id"],
        Imsi = imsi,
        EventType = f["type"],
        Tenant = f.GetValueOrDefault("tenant"),
        Owner = f["owner"],
        Sink = f["sink"],
        AccessToken = f.GetValueOrDefault("token"),
        AccessTokenExpiresAt = At(f, "tokexp"),
        DeviceJson = f.GetValueOrDefault("device"),
        ExpireTime = At(f, "expire"),
        MaxEvents = f.TryGetValue("max", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : null,
        InitialEvent = f["initial"] == "1",
        EventsSent = int.Parse(f["sent"], CultureInfo.InvariantCulture),
        Status = (SubscriptionStatus)int.Parse(f["status"], CultureInfo.InvariantCulture),
        StartsAt = At(f, "starts")!.Value,
        EndedAt = At(f, "ended"),
    };

    private static DateTimeOffset? At(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var v) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(v, CultureInfo.InvariantCulture)) : null;
}
