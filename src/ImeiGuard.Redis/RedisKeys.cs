using System.Globalization;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// Key names (docs/redis.md lists each with its type, fields and writer). A SIM's keys carry the hash tag
/// <c>{imsi}</c>, so they share one cluster slot and one script can change them together; the outbox keys
/// carry <c>{outbox}</c> for the same reason; a device's clone index carries <c>{imei}</c>.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Binding(Imsi imsi) => Sim(imsi, "b");

    public RedisKey History(Imsi imsi) => Sim(imsi, "h");

    public RedisKey Pairings(Imsi imsi) => Sim(imsi, "p");

    /// <summary>Commands a transition recorded and that still have to be moved to the outbox.</summary>
    public RedisKey Owed(Imsi imsi) => Sim(imsi, "owed");

    /// <summary>When each device was last flagged as cloned on this SIM (one flag per window).</summary>
    public RedisKey Clones(Imsi imsi) => Sim(imsi, "clones");

    /// <summary>CAMARA notifications a transition recorded and that still have to be moved to the notification queue.</summary>
    public RedisKey OwedNotifications(Imsi imsi) => Sim(imsi, OwedNotificationsSuffix);

    /// <summary>The SIM's active CAMARA subscriptions (id → event type and device) and their version <c>v</c>, read by its transitions.</summary>
    public RedisKey Watchers(Imsi imsi) => Sim(imsi, "subs");

    /// <summary>Glob for every SIM's owed lists, commands and notifications (the orphan sweep).</summary>
    public string OwedPattern => Prefix + ":{*}:owed*";

    /// <summary>The last part of an owed-notifications key (the sweep tells the two owed lists apart by it).</summary>
    public const string OwedNotificationsSuffix = "owedn";

    /// <summary>SIMs seen with one device, scored by last sighting.</summary>
    public RedisKey Device(Imei imei) => $"{Prefix}:dev:{{{imei}}}";

    public RedisChannel Invalidations => RedisChannel.Literal(Prefix + ":invalidate");

    // Outbox: all in one slot.
    public RedisKey OutboxSequence => Outbox("seq");

    public RedisKey OutboxKeys => Outbox("keys");

    public RedisKey OutboxAll => Outbox("all");

    public RedisKey OutboxPending => Outbox("pending");

    public RedisKey OutboxPendingCreated => Outbox("pending_created");

    public RedisKey OutboxDelivered => Outbox("delivered");

    public RedisKey OutboxDead => Outbox("dead");

    public RedisKey OutboxDisconnect => Outbox("disconnect");

    public RedisKey OutboxStream => Outbox("stream");

    /// <summary>Prefix of a command's hash, completed with its sequence inside scripts.</summary>
    public string CommandPrefix => Prefix + ":{outbox}:c:";

    /// <summary>Prefix of a SIM's queue of pending sequences, completed with the packed IMSI inside scripts.</summary>
    public string QueuePrefix => Prefix + ":{outbox}:q:";

    /// <summary>Prefix of a command's delivery history.</summary>
    public string EventsPrefix => Prefix + ":{outbox}:ev:";

    public RedisKey Command(long sequence) => CommandPrefix + sequence.ToString(CultureInfo.InvariantCulture);

    public RedisKey Events(long sequence) => EventsPrefix + sequence.ToString(CultureInfo.InvariantCulture);

    // CAMARA subscriptions and their notification queue: all in one slot, as the outbox.
    public RedisKey CamaraSequence => Camara("seq");

    /// <summary>Event id → notification sequence: a relayed notification is queued once, however often it is relayed.</summary>
    public RedisKey CamaraEventIds => Camara("eids");

    /// <summary>Subscriptions not deleted, scored by start ms (listings of the operator).</summary>
    public RedisKey CamaraSubscriptions => Camara("subs");

    /// <summary>Active subscriptions, scored by start ms.</summary>
    public RedisKey CamaraActive => Camara("active");

    /// <summary>Active subscriptions with an expire time, scored by it.</summary>
    public RedisKey CamaraExpiring => Camara("expire");

    /// <summary>Subscriptions with a sink token expiry, scored by it.</summary>
    public RedisKey CamaraTokens => Camara("token");

    public RedisKey CamaraPending => Camara("pending");

    public RedisKey CamaraPendingCreated => Camara("pending_created");

    public RedisKey CamaraStream => Camara("stream");

    /// <summary>Prefix of a subscription's hash, completed with its id inside scripts.</summary>
    public string SubscriptionPrefix => Prefix + ":{camara}:sub:";

    /// <summary>Prefix of a tenant's index of subscriptions not deleted, completed with the tenant inside scripts.</summary>
    public string TenantSubscriptionsPrefix => Prefix + ":{camara}:subs:t:";

    /// <summary>Prefix of a notification's hash, completed with its sequence inside scripts.</summary>
    public string NotificationPrefix => Prefix + ":{camara}:n:";

    /// <summary>Prefix of a subscription's queue of pending sequences, completed with its id inside scripts.</summary>
    public string NotificationQueuePrefix => Prefix + ":{camara}:q:";

    public RedisKey Subscription(string id) => SubscriptionPrefix + id;

    private RedisKey Camara(string what) => $"{Prefix}:{{camara}}:{what}";

    private RedisKey Sim(Imsi imsi, string what) => $"{Prefix}:{{{imsi}}}:{what}";

    private RedisKey Outbox(string what) => $"{Prefix}:{{outbox}}:{what}";
}
