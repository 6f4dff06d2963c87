using System.Globalization;
using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>
/// The store contract, run against every store (SQLite, Redis, Redis Cluster) by a subclass that says how to
/// open a node on it: the enforcer over the real store, where what is decided is what survives a restart
/// (a new node on the same data), and two nodes on one store agree on every pairing.
/// </summary>
public abstract partial class BindingStoreContractTests
{
    private readonly Imsi _imsi = ParseImsi("262017745956507");
    private readonly Imei _deviceA = ParseImei("8644610320772414");
    private readonly Imei _deviceB = ParseImei("3534900661012808");

    [Fact]
    public void Observe_ArmedThenDevice_PairingSurvivesRestart()
    {
        using (var node = Open())
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Assert.Equal(VerdictKind.Paired, Observe(node, _deviceA, 1_000));
        }

        using var restarted = Open();
        var record = restarted.Enforcer.Find(_imsi);
        Assert.NotNull(record);
        Assert.Equal(LockState.Locked, record.State);
        Assert.Equal(_deviceA, record.BoundImei);
        Assert.Equal(1_000_000, record.FirstSeen?.AtUnixMs);
        Assert.Equal(0xC0000219u, record.FirstSeen?.NasIp);
    }

    [Fact]
    public void Observe_OtherDevice_WritesOneBlockCommandPerEpisode()
    {
        using var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);

        Assert.Equal(VerdictKind.Violation, Observe(node, _deviceB, 2));
        Assert.Equal(VerdictKind.ViolationRepeated, Observe(node, _deviceB, 3));
        Assert.Equal(VerdictKind.ViolationRepeated, Observe(node, _deviceB, 4));

        var pending = node.Outbox.GetPending(10);
        var block = Assert.Single(pending);
        Assert.Equal("block", block.Kind);
        Assert.Equal("block:262017745956507:1", block.IdempotencyKey);
        using var payload = JsonDocument.Parse(block.Payload);
        var root = payload.RootElement;
        Assert.Equal("262017745956507", root.GetProperty("subscriber").GetProperty("imsi").GetString());
        Assert.Equal(_deviceA.ToImeiString(), root.GetProperty("device").GetProperty("boundImei").GetString());
        Assert.Equal(_deviceB.ToImeiString(), root.GetProperty("device").GetProperty("observedImei").GetString());
        Assert.Equal("SESSION-1", root.GetProperty("evidence").GetProperty("sessionId").GetString());
        Assert.Equal("pgw-a-01", root.GetProperty("evidence").GetProperty("nasIdentifier").GetString());
        Assert.Equal(block.IdempotencyKey, root.GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public void Apply_ResetAfterViolation_QueuesResumeAfterBlockAndRearms()
    {
        using var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);
        Observe(node, _deviceB, 2);

        var after = node.Enforcer.Apply(_imsi, LockAction.Reset);

        Assert.Equal(LockState.Armed, after.State);
        var pending = node.Outbox.GetPending(10);
        Assert.Equal(["block", "resume"], pending.Select(p => p.Kind));
        Assert.True(pending[0].Sequence < pending[1].Sequence);
        Assert.Equal("resume:262017745956507:1", pending[1].IdempotencyKey);
        Assert.Equal(VerdictKind.Paired, Observe(node, _deviceB, 3));
    }

    [Fact]
    public void MarkDelivered_RemovesFromPendingButKeepsHistory()
    {
        using var node = Open();
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        Observe(node, _deviceA, 1);
        Observe(node, _deviceB, 2);
        var block = Assert.Single(node.Outbox.GetPending(10));

        node.Outbox.MarkAttemptFailed(block.Sequence, DateTimeOffset.UnixEpoch, 500, "HTTP 500");
        node.Outbox.MarkDelivered(block.Sequence, DateTimeOffset.UnixEpoch.AddSeconds(1), 204);

        Assert.Empty(node.Outbox.GetPending(10));
        Assert.Equal(0, node.Outbox.CountPending());
        var (items, total) = node.Outbox.List(0, 10, OutboxStatus.Delivered);
        Assert.Equal(1, total);
        Assert.Equal(2, items[0].Attempts);
        Assert.Equal(204, items[0].LastHttpStatus);
    }

    [Fact]
    public void FlushSightings_LastSeenSurvivesRestart()
    {
        using (var node = Open())
        {
            node.Enforcer.Apply(_imsi, LockAction.Enable);
            Observe(node, _deviceA, 10);
            Observe(node, _deviceA, 20);
            Assert.Equal(1, node.Enforcer.FlushSightings());
            Assert.Equal(0, node.Enforcer.FlushSightings());
        }

        using var restarted = Open();
        var record = restarted.Enforcer.Find(_imsi)!;
        Assert.Equal(10_000, record.FirstSeen?.AtUnixMs);
        Assert.Equal(20_000, record.LastSeen.AtUnixMs);
    }

    [Fact]
    public void FlushSightings_ManySims_AllWrittenAndCloneFoundAcrossTheFlush()
    {
        // More SIMs than one write transaction of a flush takes, observed out of key order. The first and the last
        // SIM in key order then show one device (dry run: a touch, no transition), so only the flush can find the clone.
        const int Sims = 1_300;
        var metrics = new ImeiGuardMetrics(Prometheus.Metrics.NewCustomRegistry());
        var imsis = Enumerable.Range(0, Sims).Select(i => (262_010_000_000_000L + (i * 7_919L % Sims)).ToString(CultureInfo.InvariantCulture)).ToArray();
        var first = imsis.Min()!;
        var last = imsis.Max()!;
        using (var node = Open(BindingPolicy.Default with { OnMismatch = MismatchAction.DryRun }, metrics))
        {
            for (var i = 0; i < Sims; i++)
            {
                node.Enforcer.Apply(ParseImsi(imsis[i]), LockAction.Enable);
                Observe(node, OwnDevice(i), 100, imsis[i]);
            }

            for (var i = 0; i < Sims; i++)
            {
                Observe(node, imsis[i] == first || imsis[i] == last ? _deviceB : OwnDevice(i), 200, imsis[i]);
            }

            Assert.Equal(Sims, node.Enforcer.FlushSightings());
        }

        Assert.Equal(1, metrics.ClonedImeis.Value);
        using var restarted = Open();
        Assert.All(imsis, imsi => Assert.Equal(200_000, restarted.Enforcer.Find(ParseImsi(imsi))!.LastSeen.AtUnixMs));
        // Recorded on whichever of the two SIMs the store wrote second, naming the other.
        var clones = new[] { first, last }
            .SelectMany(imsi => restarted.Enforcer.History(ParseImsi(imsi), 0, 10).Items.Select(e => (Sim: imsi, Event: e)))
            .Where(x => x.Event.Kind == "cloned_imei")
            .ToList();
        var (sim, clone) = Assert.Single(clones);
        Assert.Equal(_deviceB, clone.Imei);
        Assert.Equal(sim == first ? last : first, clone.Detail);

        static Imei OwnDevice(int i) => ParseImei("35349006" + i.ToString("D6", CultureInfo.InvariantCulture) + "08");
    }

    internal static VerdictKind Observe(StoreNode node, Imei device, long atSeconds, string imsi = "262017745956507")
    {
        var observation = new Observation
        {
            Imsi = ParseImsi(imsi),
            Pei = new Pei(device, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
            AtUnixMs = atSeconds * 1000,
            Source = ObservationSource.RadiusAccounting,
            NasIp = 0xC0000219,
            NasIdentifier = "pgw-a-01"u8,
            SessionId = "SESSION-1"u8,
            SourceName = "test",
        };
        return node.Enforcer.Observe(observation);
    }

    /// <summary>Opens a node on the store: a fresh enforcer loaded from it, as an instance does at start. Call again for a restart.</summary>
    protected abstract StoreNode Open(BindingPolicy? policy = null, ImeiGuardMetrics? metrics = null, int rebindLimit = 0);

    internal static Imsi ParseImsi(string s) => Imsi.TryParse(s, out var v) ? v : throw new ArgumentException(s);

    private static Imei ParseImei(string s) => Imei.TryParse(s, out var v) ? v : throw new ArgumentException(s);
}
