using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>
/// The CAMARA subscription store contract, run against every store (SQLite, Redis, Redis Cluster) by a subclass that
/// says how to open a node: a violation of a watched SIM queues its event with the violation, other SIMs queue nothing,
/// the watch survives a restart, subscriptions end by their sink token, max events or a delete, listings are
/// tenant-scoped, and old events are given up.
/// </summary>
public abstract partial class SubscriptionStoreContractTests
{
    private protected readonly Clock _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private protected readonly Imsi _watched = Imsi.TryParse("262017745956507", out var w) ? w : default;
    private protected readonly Imsi _other = Imsi.TryParse("262017745956508", out var o) ? o : default;
    private protected readonly Imei _deviceA = Imei.TryParse("864461032077249", out var a) ? a : default;
    private protected readonly Imei _deviceB = Imei.TryParse("353490066101284", out var b) ? b : default;

    [Fact]
    public void Violation_OfAWatchedSim_QueuesAnImeiChangeWithTheNewDevice()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        LockAndViolate(node, _watched);

        var events = Drain(node);

        Assert.Equal([CamaraEventTypes.SubscriptionStarted, CamaraEventTypes.ImeiChange], events.Select(e => e.GetProperty("type").GetString()));
        var data = events[1].GetProperty("data");
        Assert.Equal(("s1", "35-349006-610128-4"), (data.GetProperty("subscriptionId").GetString(), data.GetProperty("imei").GetString()));
        Assert.Equal("+4917509238004", data.GetProperty("device").GetProperty("phoneNumber").GetString());
        Assert.Equal("1970-01-01T00:00:02.000Z", events[1].GetProperty("time").GetString());
    }

    [Fact]
    public void Violation_OfASimNobodyWatches_QueuesNothing()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        Drain(node);

        LockAndViolate(node, _other);

        Assert.Empty(Drain(node));
        Assert.Equal(LockState.Violated, node.Enforcer.Find(_other)!.State);
    }

    [Fact]
    public void Watch_AfterARestart_IsReadBackFromTheDatabase()
    {
        using (var first = Open())
        {
            first.Subscriptions.Create(Subscription("s1", _watched), null);
            Drain(first);
        }

        using var restarted = Open();
        LockAndViolate(restarted, _watched);

        Assert.Equal([CamaraEventTypes.ImeiChange], Drain(restarted).Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public void EndDue_SinkTokenAboutToExpire_EndsWithAccessTokenExpired()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched) with { AccessToken = "t", AccessTokenExpiresAt = _clock.GetUtcNow().AddMinutes(5) }, null);
        Drain(node);

        Assert.Equal(0, node.Subscriptions.EndDue(_clock.GetUtcNow(), TimeSpan.FromMinutes(1)));
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, node.Subscriptions.EndDue(_clock.GetUtcNow(), TimeSpan.FromMinutes(1)));

        var ended = Assert.Single(Drain(node));
        Assert.Equal("ACCESS_TOKEN_EXPIRED", ended.GetProperty("data").GetProperty("terminationReason").GetString());
        Assert.Equal(SubscriptionStatus.Expired, node.Subscriptions.Find("s1")!.Status);
        LockAndViolate(node, _watched);
        Assert.Empty(Drain(node));
    }

    [Fact]
    public void ExpireUndelivered_EventOlderThanTheCutoff_IsGivenUp()
    {
        using var node = Open();
        node.Subscriptions.Create(Subscription("s1", _watched), null);
        _clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(1, node.Subscriptions.ExpireUndelivered(_clock.GetUtcNow() - TimeSpan.FromHours(24), _clock.GetUtcNow()));
        Assert.Empty(node.Subscriptions.GetDue(_clock.GetUtcNow(), 10));
        Assert.Equal((0L, 1L), node.Subscriptions.Counts());
    }

    private protected FraudSubscription Subscription(string id, Imsi imsi) => new()
    {
        Id = id,
        Imsi = imsi,
        EventType = CamaraEventTypes.ImeiChange,
        Owner = "test",
        Sink = "https://sink.example/" + id,
        DeviceJson = """{"phoneNumber":"+4917509238004"}""",
        StartsAt = _clock.GetUtcNow(),
    };

    /// <summary>ENABLE, pair device A at t=1 s, then device B at t=2 s: a violation.</summary>
    private protected void LockAndViolate(SubscriptionNode node, Imsi imsi)
    {
        node.Enforcer.Apply(imsi, LockAction.Enable);
        Assert.Equal(VerdictKind.Paired, Observe(node, imsi, _deviceA, 1_000));
        Assert.Equal(VerdictKind.Violation, Observe(node, imsi, _deviceB, 2_000));
    }

    private protected static VerdictKind Observe(SubscriptionNode node, Imsi imsi, Imei device, long atMs) => node.Enforcer.Observe(new Observation
    {
        Imsi = imsi,
        Pei = new Pei(device, PeiKind.Imei15, PeiWireForm.Ascii, 15, true),
        AtUnixMs = atMs,
        Source = ObservationSource.RadiusAccounting,
        SourceName = "test",
    });

    /// <summary>Every queued event in delivery order, marking each delivered as a sink would acknowledge it.</summary>
    private protected List<JsonElement> Drain(SubscriptionNode node)
    {
        var events = new List<JsonElement>();
        while (node.Subscriptions.GetDue(_clock.GetUtcNow(), 10) is [var head, ..])
        {
            events.Add(JsonDocument.Parse(head.Payload).RootElement.Clone());
            node.Subscriptions.MarkDelivered(head.Sequence, _clock.GetUtcNow(), 204);
        }

        return events;
    }

    /// <summary>Opens a node on the store, as an instance does at start. Call again for a restart.</summary>
    private protected abstract SubscriptionNode Open();

    private protected sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
