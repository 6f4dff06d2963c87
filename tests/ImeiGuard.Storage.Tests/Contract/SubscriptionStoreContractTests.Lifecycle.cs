using ImeiGuard.Core.Camara;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>How subscriptions end and whom they are listed to.</summary>
public abstract partial class SubscriptionStoreContractTests
{
    [Fact]
    public void Violation_ReachingMaxEvents_QueuesTheEventThenSubscriptionEndedAndStopsWatching()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched) with { MaxEvents = 1 }, null);
        Drain(node);

        LockAndViolate(node, _watched);

        var events = Drain(node);
        Assert.Equal([CamaraEventTypes.ImeiChange, CamaraEventTypes.SubscriptionEnded], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("MAX_EVENTS_REACHED", events[1].GetProperty("data").GetProperty("terminationReason").GetString());
        var ended = node.Subscriptions.Find("s1")!;
        Assert.Equal((SubscriptionStatus.Expired, 1), (ended.Status, ended.EventsSent));
        Assert.Equal((0L, 0L), node.Subscriptions.Counts());
    }

    [Fact]
    public void Delete_WithAnEventQueued_SendsItBeforeSubscriptionEndedAndHidesTheSubscription()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        LockAndViolate(node, _watched);

        Assert.True(node.Subscriptions.Delete("s1"));

        Assert.Equal(
            [CamaraEventTypes.SubscriptionStarted, CamaraEventTypes.ImeiChange, CamaraEventTypes.SubscriptionEnded],
            Drain(node).Select(e => e.GetProperty("type").GetString()));
        Assert.Null(node.Subscriptions.Find("s1"));
        Assert.Empty(node.Subscriptions.List(null, 10));
        Assert.False(node.Subscriptions.Delete("s1"));
    }

    [Fact]
    public void List_OfATenant_ShowsOnlyItsOwnAndTheOperatorSeesAllOldestFirst()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched) with { Tenant = "acme" }, null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        node.Subscriptions.Create(Subscription("s2", _other) with { Tenant = "globex" }, null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        node.Subscriptions.Create(Subscription("s3", _other), null);

        Assert.Equal(["s1"], node.Subscriptions.List("acme", 10).Select(s => s.Id));
        Assert.Equal(["s2"], node.Subscriptions.List("globex", 10).Select(s => s.Id));
        Assert.Equal(["s1", "s2", "s3"], node.Subscriptions.List(null, 10).Select(s => s.Id));
        Assert.Equal(["s1", "s2"], node.Subscriptions.List(null, 2).Select(s => s.Id));
        Assert.Equal("acme", node.Subscriptions.Find("s1")!.Tenant);
    }

    [Fact]
    public void EndGone_DropsTheQueueAndEndsTheSubscription()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        LockAndViolate(node, _watched);

        node.Subscriptions.EndGone("s1");

        Assert.Empty(node.Subscriptions.GetDue(_clock.GetUtcNow(), 10));
        Assert.Equal(SubscriptionStatus.Expired, node.Subscriptions.Find("s1")!.Status);
        Assert.Equal((0L, 0L), node.Subscriptions.Counts());
    }

    [Fact]
    public void MarkFailed_PutsTheHeadBackUntilItsNextAttemptAndHoldsTheQueueBehindIt()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        LockAndViolate(node, _watched);
        var head = Assert.Single(node.Subscriptions.GetDue(_clock.GetUtcNow(), 10));

        node.Subscriptions.MarkFailed(head.Sequence, _clock.GetUtcNow().AddSeconds(5), 500, "HTTP 500");

        Assert.Empty(node.Subscriptions.GetDue(_clock.GetUtcNow(), 10));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var again = Assert.Single(node.Subscriptions.GetDue(_clock.GetUtcNow(), 10));
        Assert.Equal((head.EventId, 1, "https://sink.example/s1"), (again.EventId, again.Attempts, again.Sink));
        Assert.Equal((2L, 1L), node.Subscriptions.Counts());
    }
}
