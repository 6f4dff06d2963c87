using ImeiGuard.Core.Camara;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>
/// Redis only, two instances on one redis-server: a subscription made on one is served by a violation the other
/// decides, its events are handed to one consumer each, and notifications a dead instance still owed are relayed by the sweep.
/// </summary>
public sealed partial class RedisSubscriptionStoreContractTests
{
    [Fact]
    public void Violation_DecidedByAnotherInstance_QueuesTheEventAndOneInstanceGetsIt()
    {
        using var a = Open("node-a");
        using var b = Open("node-b");
        a.Subscriptions.Create(Subscription("s1", _watched), null);
        Drain(a);

        LockAndViolate(b, _watched);

        var now = _clock.GetUtcNow();
        var fromA = a.Subscriptions.GetDue(now, 10);
        var fromB = b.Subscriptions.GetDue(now, 10);
        var due = Assert.Single(fromA.Concat(fromB));
        Assert.Equal(CamaraEventTypes.ImeiChange, due.Type);
        var (holder, other) = fromA.Count == 1 ? (a, b) : (b, a);
        Assert.Empty(other.Subscriptions.GetDue(now, 10)); // the other instance does not get it while its holder is alive
        Assert.Equal(due.EventId, Assert.Single(holder.Subscriptions.GetDue(now, 10)).EventId);
    }

    [Fact]
    public void OwedNotification_LeftByADeadInstance_IsRelayedOnceBySweep()
    {
        using var node = Open("node-a");
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        Drain(node);
        var owed = $$"""{"SubscriptionId":"s1","EventId":"e-1","Type":"{{CamaraEventTypes.ImeiChange}}","Payload":"{\"id\":\"e-1\"}","Counted":true,"CreatedAtMs":{{_clock.GetUtcNow().ToUnixTimeMilliseconds()}}}""";
        node.Database.ListRightPush($"{_prefix}:{{{_watched}}}:owedn", owed);

        Assert.Equal(1, node.Store.RelayOrphanedCommands());
        Assert.Equal(0, node.Store.RelayOrphanedCommands());

        var events = Drain(node);
        Assert.Equal("e-1", Assert.Single(events).GetProperty("id").GetString());
        Assert.Equal(1, node.Subscriptions.Find("s1")!.EventsSent);
    }

    private SubscriptionNode.Redis Open(string instance) => new(_redis.Configuration, _prefix, instance, _clock);
}
