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

    /// <summary>Glob for every SIM's owed list (the orphan sweep).</summary>
    public string OwedPattern => Prefix + ":{*}:owed";

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

    private RedisKey Sim(Imsi imsi, string what) => $"{Prefix}:{{{imsi}}}:{what}";

    private RedisKey Outbox(string what) => $"{Prefix}:{{outbox}}:{what}";
}
