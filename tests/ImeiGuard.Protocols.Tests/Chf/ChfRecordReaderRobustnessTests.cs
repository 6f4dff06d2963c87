using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Truncation, segmentation and allocation behaviour over the valid corpus bodies.</summary>
public sealed class ChfRecordReaderRobustnessTests
{
    private const int AllocationRounds = 200;

    public static TheoryData<string> ValidFiles => ChfCorpus.ValidFiles();

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void TryRead_EveryPrefixOfValidBody_ReturnsErrorWithoutThrowing(string file)
    {
        var body = ChfCorpus.Get(file).Trimmed.Span;
        for (var length = 0; length < body.Length; length++)
        {
            var error = ChfRecordReader.TryRead(body[..length], out var record);

            Assert.NotEqual(ChfParseError.None, error);
            Assert.Equal(ChfParseError.JsonSyntaxError, error);
            Assert.True(record.Imsi.IsEmpty);
        }

        Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(body, out _));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void TryRead_EveryTwoSegmentSplitOfValidBody_GivesSameRecord(string file)
    {
        var body = ChfCorpus.Get(file).Body;
        Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(body, ChfRequestKind.Update, ChfReaderOptions.Default, out var expected));

        for (var split = 1; split < body.Length; split++)
        {
            var sequence = SegmentedBody.Split(body, split);
            var error = ChfRecordReader.TryRead(sequence, ChfRequestKind.Update, ChfReaderOptions.Default, out var actual);

            Assert.Equal(ChfParseError.None, error);
            ChfRecordAssert.Same(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void TryRead_ValidBodyInOneByteSegments_GivesSameRecord(string file)
    {
        var body = ChfCorpus.Get(file).Body;
        ChfRecordReader.TryRead(body, out var expected);

        var sequence = SegmentedBody.Split(body, [.. Enumerable.Range(1, body.Length - 1)]);
        Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(sequence, out var actual));

        ChfRecordAssert.Same(expected, actual);
    }

    [Fact]
    public void TryRead_ValidBodiesAfterWarmUp_AllocatesNothing()
    {
        var bodies = ChfCorpus.Valid.Select(c => c.Body).ToArray();
        var sequences = bodies.Select(b => SegmentedBody.Split(b, b.Length / 3, 2 * b.Length / 3)).ToArray();
        var options = ChfReaderOptions.Default;
        var checksum = Run(bodies, sequences, options);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < AllocationRounds; round++)
        {
            checksum += Run(bodies, sequences, options);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, checksum);
    }

    [Fact]
    public void TryRead_PathClassificationAfterWarmUp_AllocatesNothing()
    {
        var paths = ChfCorpus.Cases.Select(c => System.Text.Encoding.ASCII.GetBytes(c.HttpPath)).ToArray();
        var count = 0;
        foreach (var p in paths)
        {
            count += ChfPaths.TryClassify(p, out _, out _) ? 1 : 0;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < AllocationRounds; round++)
        {
            foreach (var p in paths)
            {
                count += ChfPaths.TryClassify(p, out _, out var reference) ? reference.Length + 1 : 0;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(count > 0);
    }

    private static ulong Run(byte[][] bodies, System.Buffers.ReadOnlySequence<byte>[] sequences, in ChfReaderOptions options)
    {
        ulong checksum = 0;
        for (var i = 0; i < bodies.Length; i++)
        {
            if (ChfRecordReader.TryRead(bodies[i], ChfRequestKind.Create, options, out var record) == ChfParseError.None)
            {
                checksum += record.Imsi.Packed + record.Location.CellId + record.UsedUnitLocationCount;
            }

            if (ChfRecordReader.TryRead(sequences[i], ChfRequestKind.Create, options, out record) == ChfParseError.None)
            {
                checksum += record.Pei.Device.Value;
            }
        }

        return checksum;
    }
}
