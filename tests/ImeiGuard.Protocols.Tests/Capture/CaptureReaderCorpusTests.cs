using System.Buffers.Binary;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>The corpus captures: classic little-endian microsecond pcap, Ethernet, IPv4, UDP.</summary>
public sealed class CaptureReaderCorpusTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "peer", 82 },
        { "synthetic", 17 },
        { "malformed", 36 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void TryReadNext_CorpusCapture_ReadsEveryFrameToTheEnd(string set, int frames)
    {
        var result = CaptureResult.Read(Corpus.ReadRadiusFile(set + ".pcap"));

        Assert.Equal(CaptureFormat.Pcap, result.Format);
        Assert.True(result.IsComplete);
        Assert.False(result.IsTruncated);
        Assert.Equal(CaptureSkipReason.None, result.Error);
        Assert.Equal(frames, result.Counters.Frames);
        Assert.Equal(frames, result.Counters.Datagrams);
        Assert.Equal(1, result.Counters.MetadataRecords);
        Assert.Equal(Enumerable.Range(1, frames).Select(i => (long)i), result.Datagrams.Select(d => d.Frame));
        Assert.All(result.Datagrams, d => Assert.Equal(LinkTypes.Ethernet, d.LinkType));

        // Capture times: the first record's seconds and microseconds as stored (little-endian at offsets 24 and 28),
        // and never going backwards.
        var file = Corpus.ReadRadiusFile(set + ".pcap");
        var first = (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)) * 1_000_000_000L) + (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)) * 1000L);
        Assert.Equal(first, result.Datagrams[0].TimestampNanoseconds);
        Assert.All(result.Datagrams.Zip(result.Datagrams.Skip(1)), pair => Assert.True(pair.First.TimestampNanoseconds <= pair.Second.TimestampNanoseconds));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryReadNext_CorpusCapture_AddressesAndPortsMatchExpectations(string set, int frames)
    {
        var byFrame = CaptureResult.Read(Corpus.ReadRadiusFile(set + ".pcap")).Datagrams.ToDictionary(d => d.Frame);

        Assert.Equal(frames, byFrame.Count);
        foreach (var record in Corpus.Expected(set))
        {
            var d = byFrame[Json.Number(record, "frame")!.Value];
            Assert.Equal(Json.String(record, "src_ip"), d.Source);
            Assert.Equal(Json.Number(record, "src_port"), d.SourcePort);
            Assert.Equal(Json.String(record, "dst_ip"), d.Destination);
            Assert.Equal(Json.Number(record, "dst_port"), d.DestinationPort);
            if (Json.Number(record, "length") is { } length && set != "malformed")
            {
                Assert.Equal(length * 2, d.PayloadHex.Length);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryReadRecord_EveryPrefixOfEveryRecord_NeedsMoreDataAndConsumesNothing(string set, int frames)
    {
        var file = Corpus.ReadRadiusFile(set + ".pcap");
        var decoder = default(CaptureDecoder);
        var offset = 0;
        var records = 0;
        while (offset < file.Length)
        {
            var status = decoder.TryReadRecord(file.AsSpan(offset), out _, out _, out var recordLength);
            Assert.NotEqual(CaptureStatus.NeedMoreData, status);
            Assert.NotEqual(CaptureStatus.InvalidData, status);

            // A fresh decoder in the same state sees each shorter slice of the record as incomplete.
            var probe = default(CaptureDecoder);
            if (offset > 0)
            {
                probe.TryReadRecord(file, out _, out _, out _);
            }

            for (var n = 0; n < recordLength; n++)
            {
                Assert.Equal(CaptureStatus.NeedMoreData, probe.TryReadRecord(file.AsSpan(offset, n), out _, out _, out var consumed));
                Assert.Equal(0, consumed);
            }

            offset += recordLength;
            records++;
        }

        Assert.Equal(frames + 1, records);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryReadRecord_FedOneOctetAtATime_GivesTheSameDatagrams(string set, int frames)
    {
        var file = Corpus.ReadRadiusFile(set + ".pcap");
        var whole = CaptureResult.Read(file).Datagrams;
        var streamed = new List<CaptureResult.Datagram>();
        var decoder = default(CaptureDecoder);
        int offset = 0, available = 0;
        while (offset < file.Length)
        {
            var status = decoder.TryReadRecord(file.AsSpan(offset, available - offset), out var datagram, out _, out var consumed);
            if (status == CaptureStatus.NeedMoreData)
            {
                Assert.True(available < file.Length);
                available++;
                continue;
            }

            if (status == CaptureStatus.Datagram)
            {
                streamed.Add(CaptureResult.Datagram.From(datagram));
            }

            offset += consumed;
        }

        Assert.Equal(frames, streamed.Count);
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public void TryReadNext_RandomlyCorruptedCorpusCapture_NeverThrows()
    {
        var original = Corpus.ReadRadiusFile("peer.pcap");
        var random = new Random(42);
        for (var round = 0; round < 300; round++)
        {
            var file = (byte[])original.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                file[random.Next(file.Length)] = (byte)random.Next(256);
            }

            var cut = random.Next(file.Length + 1);
            var reader = new CaptureReader(file.AsSpan(0, cut));
            while (reader.TryReadNext(out var d))
            {
                Assert.True(d.Payload.Length <= 65_535);
            }

            Assert.True(reader.Consumed <= cut);
        }
    }
}
