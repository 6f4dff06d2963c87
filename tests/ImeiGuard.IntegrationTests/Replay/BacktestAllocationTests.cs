using System.IO.Pipelines;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Replay;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>
/// The backtest path (capture → classifier → enforcer) allocates nothing per packet once warm: replaying six
/// times as many packets costs no more than replaying the smaller capture.
/// </summary>
public sealed class BacktestAllocationTests
{
    [Fact]
    public async Task OnDatagram_RepeatedCapture_AllocatesNothingPerPacket()
    {
        var peer = CaptureFile.ReadPcap(await File.ReadAllBytesAsync(ReplayRun.CorpusFile("peer.pcap")));
        var small = Repeat(peer, 20);
        var large = Repeat(peer, 120);
        Assert.True(ReplaySecrets.TryCreate([], ReplayRun.CorpusFile("secrets.json"), out var secrets, out var error), error);
        var classifier = new RadiusClassifier(ReplayOptions.DefaultPorts, secrets, NcgiLayout.SpareLast);
        var store = new MemoryStore(
            Locked("460039297195853", "35349006610128"),
            Locked("262017745956507", "86446103207724"));
        var directory = new SubscriberDirectory(new EmptyRegistry());
        var enforcer = new BindingEnforcer(store, directory, TimeProvider.System);
        enforcer.Load();

        await ReplayAsync(small, classifier, enforcer, directory); // warm-up: JIT, pools, learned identifiers
        var (smallBytes, _) = await ReplayAsync(small, classifier, enforcer, directory);
        var (largeBytes, statistics) = await ReplayAsync(large, classifier, enforcer, directory);

        Assert.Equal(41 * 120, statistics.Requests);
        Assert.Equal(10 * 120, statistics.ByVerdict(VerdictKind.Match));
        Assert.Equal(28 * 120, statistics.ByVerdict(VerdictKind.NotEnforced));
        Assert.True(largeBytes - smallBytes < 1024, $"{largeBytes - smallBytes} B more for {82 * 100} more packets");
    }

    private static byte[] Repeat(List<CaptureRecord> records, int copies) =>
        CaptureFile.WritePcap(CaptureFile.LinkEthernet, Enumerable.Repeat(records, copies).SelectMany(static r => r));

    /// <summary>Replays a capture from memory (every read completes at once, so the thread stays the same) and returns the bytes allocated.</summary>
    private static async Task<(long Allocated, ReplayStatistics Statistics)> ReplayAsync(byte[] capture, RadiusClassifier classifier, BindingEnforcer enforcer, SubscriberDirectory directory)
    {
        var statistics = new ReplayStatistics();
        var backtest = new Backtest(classifier, statistics, enforcer, directory, TimeProvider.System, learnIdentities: true);
        using var stream = new MemoryStream(capture, writable: false);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        using var reader = new CapturePipeReader();
        var before = GC.GetAllocatedBytesForCurrentThread();
        await reader.ReadAllAsync(pipe, backtest, TestContext.Current.CancellationToken);
        return (GC.GetAllocatedBytesForCurrentThread() - before, statistics);
    }

    private static BindingRecord Locked(string imsi, string device)
    {
        Assert.True(Imsi.TryParse(imsi, out var parsed));
        Assert.True(Imei.TryParse(device, out var bound));
        return new BindingRecord { Imsi = parsed, State = LockState.Locked, BoundImei = bound };
    }

    private sealed class MemoryStore(params BindingRecord[] records) : IBindingStore
    {
        public IReadOnlyList<BindingRecord> LoadAll() => records;

        public int SaveTransition(BindingRecord record, IReadOnlyList<OutboxEntry> commands, BindingEvent? historyEvent = null)
        {
            Assert.Fail("no transition expected");
            return 0;
        }

        public int SaveSightings(IReadOnlyList<BindingRecord> records) => 0;

        public void SaveRules(BindingRecord record, BindingEvent historyEvent) => Assert.Fail("no rules expected");

        public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) => 0;

        public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size) => ([], 0);

        public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size) => ([], 0);

        public BindingRecord? Find(Imsi imsi) => null;
    }

    private sealed class EmptyRegistry : ISubscriberRegistry
    {
        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
