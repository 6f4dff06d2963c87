using System.Globalization;
using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>The notification side: what a transition owes, moving it into the queue, and delivery through the consumer group.</summary>
public sealed partial class RedisSubscriptionStore
{
    /// <summary>
    /// The notifications a transition causes, written with the CloudEvent writer before the transition script runs,
    /// and the version of the SIM's watchers they were made from: the script records them only if that version is
    /// still the stored one, so a subscription created or ended meanwhile is never missed nor wrongly served.
    /// <see cref="OwedNotifications.None"/> for a history event that is no CAMARA event (no read at all).
    /// </summary>
    internal OwedNotifications Prepare(BindingRecord record, BindingEvent? historyEvent)
    {
        if (historyEvent is null || CamaraEventTypes.ForHistoryEvent(historyEvent.Kind, historyEvent.Detail) is not { } type)
        {
            return OwedNotifications.None;
        }

        var watchers = _redis.Run(db => db.HashGetAll(_keys.Watchers(record.Imsi)));
        var version = "0";
        var owed = new List<string>();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(historyEvent.AtUnixMs);
        foreach (var w in watchers)
        {
            var name = (string)w.Name!;
            if (name == "v")
            {
                version = (string)w.Value!;
                continue;
            }

            var value = (string)w.Value!;
            var newline = value.IndexOf('\n', StringComparison.Ordinal);
            if (value[..newline] != type)
            {
                continue;
            }

            var device = newline + 1 < value.Length ? value[(newline + 1)..] : null;
            var e = type == CamaraEventTypes.ImeiChange
                ? _events.ImeiChange(name, CamaraImei.Format(historyEvent.Imei), device, at)
                : _events.AreaChange(name, record.Rules?.Regions?.Circles.FirstOrDefault() is { RadiusM: > 0 } circle ? circle : null, device, at);
            owed.Add(JsonSerializer.Serialize(new OwedNotification(name, e.EventId, e.Type, e.Payload, e.Counted, Now()), RedisJsonContext.Default.OwedNotification));
        }

        return new OwedNotifications(version, [.. owed]);
    }

    /// <summary>Moves a SIM's owed notifications into the queue (idempotent by event id), then takes exactly those off the owed list.</summary>
    internal void RelayOwed(Imsi imsi, IReadOnlyList<string> owed)
    {
        foreach (var json in owed)
        {
            var n = JsonSerializer.Deserialize(json, RedisJsonContext.Default.OwedNotification)!;
            var ended = MaxEventsEnded(n.SubscriptionId);
            var inactive = (long)Script(AppendScript, [n.SubscriptionId, n.EventId, n.Type, n.Payload, n.Counted ? "1" : "0", n.CreatedAtMs, Now(),
                ended.EventId, ended.Type, ended.Payload]) == 1;
            if (inactive)
            {
                // Ended (max events reached now, or before: a watcher left behind by a crash): the SIM stops owing it events.
                Unwatch(imsi, n.SubscriptionId);
            }

            _redis.Run(db => db.ListRemove(_keys.OwedNotifications(imsi), json, 1));
        }
    }

    public IReadOnlyList<DueNotification> GetDue(DateTimeOffset now, int max)
    {
        var reply = (RedisResult[])Script(DueScript, [_redis.InstanceName, _claimIdleMs, max, now.ToUnixTimeMilliseconds()])!;
        var list = new List<DueNotification>(reply.Length);
        foreach (var hash in reply)
        {
            var f = Pairs(hash);
            list.Add(new DueNotification(
                long.Parse(f["seq"], CultureInfo.InvariantCulture), f["sub"], f["eid"], f["type"], f["payload"], f["sink"],
                f.GetValueOrDefault("token"), int.Parse(f["attempts"], CultureInfo.InvariantCulture)));
        }

        return list;
    }

    public void MarkDelivered(long sequence, DateTimeOffset at, int httpStatus) =>
        Script(DeliveredScript, [sequence, at.ToUnixTimeMilliseconds(), httpStatus]);

    public void MarkFailed(long sequence, DateTimeOffset nextAttemptAt, int? httpStatus, string error) =>
        Script(FailedScript, [sequence, nextAttemptAt.ToUnixTimeMilliseconds(), httpStatus is { } s ? s : RedisValue.EmptyString, error]);

    public int ExpireUndelivered(DateTimeOffset createdBefore, DateTimeOffset now) =>
        (int)(long)Script(ExpireScript, [createdBefore.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds()]);

    public (long PendingEvents, long ActiveSubscriptions) Counts() =>
        _redis.Run(db => (db.SortedSetLength(_keys.CamaraPending), db.SortedSetLength(_keys.CamaraActive)));
}

/// <summary>What a transition owes the notification queue: the watchers' version it was made from ("" = no check) and the notifications (JSON).</summary>
internal sealed record OwedNotifications(string WatchersVersion, string[] Owed)
{
    public static OwedNotifications None { get; } = new(string.Empty, []);
}
