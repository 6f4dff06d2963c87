using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>The outbox's delivery state: queue heads, durable schedule, dead letter, history.</summary>
public abstract partial class BindingStoreContractTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_732_356_000);

    [Fact]
    public void GetDue_OnlyTheOldestPendingCommandOfEachSim()
    {
        using var node = Open();
        node.Insert(Entry("block", 1, 1, T0), Entry("block", 2, 1, T0), Entry("resume", 1, 1, T0));
        var outbox = node.Outbox;

        var due = outbox.GetDue(T0, 10);

        Assert.Equal(["block:1:1", "block:2:1"], due.Select(e => e.IdempotencyKey));
        outbox.MarkDelivered(due[0].Sequence, T0, 204);
        Assert.Equal(["block:2:1", "resume:1:1"], outbox.GetDue(T0, 10).Select(e => e.IdempotencyKey));
    }

    [Fact]
    public void MarkAttemptFailed_NextAttemptSurvivesReopenAndHoldsBackTheSim()
    {
        using (var node = Open())
        {
            node.Insert(Entry("block", 1, 1, T0), Entry("resume", 1, 1, T0));
            var outbox = node.Outbox;
            outbox.MarkAttemptFailed(outbox.GetDue(T0, 10)[0].Sequence, T0.AddSeconds(30), 503, "HTTP 503", T0);
        }

        using var reopened = Open();
        var store = reopened.Outbox;
        Assert.Empty(store.GetDue(T0.AddSeconds(29), 10)); // the resume waits behind its block
        var due = Assert.Single(store.GetDue(T0.AddSeconds(30), 10));
        Assert.Equal("block:1:1", due.IdempotencyKey);
        Assert.Equal(1, due.Attempts);
        Assert.Equal(T0.AddSeconds(30), due.NextAttemptAt);
        var failed = Assert.Single(store.GetHistory(due.Sequence));
        Assert.Equal((OutboxEventKinds.AttemptFailed, 503, "HTTP 503"), (failed.Kind, failed.Code, failed.Detail));
    }

    [Fact]
    public void DeadLetterOlderThan_MovesExpiredAndReleasesTheNextCommand()
    {
        using var node = Open();
        node.Insert(Entry("block", 1, 1, T0), Entry("resume", 1, 1, T0.AddHours(2)));
        var outbox = node.Outbox;

        var dead = outbox.DeadLetterOlderThan(T0.AddHours(1), T0.AddHours(25));

        Assert.Equal("block:1:1", Assert.Single(dead).IdempotencyKey);
        Assert.Equal("resume:1:1", Assert.Single(outbox.GetDue(T0.AddHours(25), 10)).IdempotencyKey);
        Assert.Equal(new OutboxStats(1, T0.AddHours(2), 1), outbox.GetStats());
        Assert.Equal(1, outbox.List(0, 10, OutboxStatus.DeadLetter).Total);
        Assert.Equal(OutboxEventKinds.DeadLettered, Assert.Single(outbox.GetHistory(dead[0].Sequence)).Kind);
    }

    [Fact]
    public void RecordDisconnect_TakesTheBlockOutOfTheDisconnectQueueAndKeepsTheResult()
    {
        using var node = Open();
        node.Insert(Entry("block", 1, 1, T0), Entry("resume", 1, 1, T0), Entry("block", 2, 1, T0.AddMinutes(-10)));
        var outbox = node.Outbox;

        var awaiting = outbox.GetBlocksAwaitingDisconnect(T0.AddMinutes(-5), 10);
        var block = Assert.Single(awaiting); // not the resume, not the stale block
        outbox.RecordDisconnect(block.Sequence, DisconnectOutcome.Nak, 42, "error-cause=503", T0);

        Assert.Empty(outbox.GetBlocksAwaitingDisconnect(T0.AddMinutes(-5), 10));
        Assert.Equal(DisconnectOutcome.Nak, outbox.GetPending(10).Single(e => e.Sequence == block.Sequence).Disconnect);
        var recorded = Assert.Single(outbox.GetHistory(block.Sequence));
        Assert.Equal(("disconnect_nak", 42, "error-cause=503"), (recorded.Kind, recorded.Code, recorded.Detail));
    }

    [Fact]
    public void SaveTransition_BlockAndStateCommitTogether_DeliveryHistoryAppends()
    {
        using var node = Open();
        var imsi = Imsi.TryParse("262017745956507", out var parsed) ? parsed : default;
        node.Store.SaveTransition(
            new BindingRecord { Imsi = imsi, State = LockState.Violated, Episode = 1, UpdatedAt = T0, Version = 1 },
            [Entry("block", imsi.Packed, 1, T0)]);
        var outbox = node.Outbox;
        var block = Assert.Single(outbox.GetDue(T0, 10));

        outbox.MarkAttemptFailed(block.Sequence, T0, null, "timeout", T0);
        outbox.MarkDelivered(block.Sequence, T0.AddSeconds(1), 201);

        Assert.Equal([OutboxEventKinds.AttemptFailed, OutboxEventKinds.Delivered], outbox.GetHistory(block.Sequence).Select(e => e.Kind));
        Assert.Equal(new OutboxStats(0, null, 0), outbox.GetStats());
    }

    internal static OutboxEntry Entry(string kind, ulong imsi, long episode, DateTimeOffset createdAt) => new()
    {
        CommandId = Guid.NewGuid().ToString(),
        Kind = kind,
        ImsiPacked = imsi,
        IdempotencyKey = $"{kind}:{imsi}:{episode}",
        Payload = "{}",
        CreatedAt = createdAt,
    };
}
