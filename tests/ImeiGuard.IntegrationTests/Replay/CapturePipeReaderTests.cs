using System.IO.Pipelines;
using ImeiGuard.Daemon.Replay;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>
/// The PipeReader loop of the replay: records split across reads and across pipe segments must give exactly the
/// datagrams that reading the whole file in memory gives.
/// </summary>
public sealed class CapturePipeReaderTests
{
    public static TheoryData<string, int, int> Splits => new()
    {
        // file, octets per stream read, pipe segment size
        { "peer.pcap", 1, 4096 },
        { "peer.pcap", 7, 64 },
        { "peer.pcap", 100, 96 },
        { "peer.pcap", 65536, 65536 },
        { "malformed.pcap", 13, 512 },
        { "malformed.pcap", 4099, 4096 },
        { "synthetic.pcap", 3, 32 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task ReadAllAsync_RecordsSplitAcrossReadsAndSegments_YieldsSameDatagrams(string file, int readSize, int segmentSize)
    {
        var bytes = await File.ReadAllBytesAsync(ReplayRun.CorpusFile(file));
        var expected = InMemory(bytes);

        var (outcome, actual) = await StreamAsync(bytes, readSize, segmentSize);

        Assert.True(outcome.IsComplete, $"{outcome.Error}, {outcome.TrailingOctets} trailing");
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, outcome.Counters.Datagrams);
    }

    [Fact]
    public async Task ReadAllAsync_PcapNgBlocksSplitEverywhere_YieldsSameDatagrams()
    {
        var records = CaptureFile.ReadPcap(await File.ReadAllBytesAsync(ReplayRun.CorpusFile("malformed.pcap")));
        var pcapng = CaptureFile.WritePcapNg(CaptureFile.LinkEthernet, records);
        var expected = InMemory(pcapng);

        var (outcome, actual) = await StreamAsync(pcapng, readSize: 5, segmentSize: 48);

        Assert.True(outcome.IsComplete);
        Assert.Equal(CaptureFormat.PcapNg, outcome.Format);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ReadAllAsync_FileEndsInsideARecord_ReportsTrailingOctets()
    {
        var bytes = (await File.ReadAllBytesAsync(ReplayRun.CorpusFile("peer.pcap")))[..^7];

        var (outcome, actual) = await StreamAsync(bytes, readSize: 50, segmentSize: 128);

        Assert.False(outcome.IsComplete);
        Assert.Equal(81, actual.Count);
        Assert.True(outcome.TrailingOctets > 0);
    }

    private static async Task<(CaptureReadOutcome Outcome, List<string> Datagrams)> StreamAsync(byte[] bytes, int readSize, int segmentSize)
    {
        var sink = new RecordingSink();
        using var stream = new TrickleStream(bytes, readSize);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: segmentSize, minimumReadSize: Math.Min(segmentSize, 16)));
        using var reader = new CapturePipeReader();
        var outcome = await reader.ReadAllAsync(pipe, sink, TestContext.Current.CancellationToken);
        return (outcome, sink.Datagrams);
    }

    private static List<string> InMemory(byte[] file)
    {
        var list = new List<string>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            list.Add(RecordingSink.Describe(d));
        }

        return list;
    }

    private sealed class RecordingSink : IDatagramSink
    {
        public List<string> Datagrams { get; } = [];

        public static string Describe(scoped in CapturedDatagram d) =>
            $"{d.FrameNumber} {d.TimestampUnixNanoseconds} {d.Source}:{d.SourcePort} > {d.Destination}:{d.DestinationPort} {Convert.ToHexString(d.Payload)}";

        public void OnDatagram(scoped in CapturedDatagram datagram) => Datagrams.Add(Describe(datagram));
    }

    /// <summary>A stream that returns at most a fixed number of octets per read, like a slow pipe or socket.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
