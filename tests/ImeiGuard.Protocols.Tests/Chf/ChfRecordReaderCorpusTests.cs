using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Every line of chf/expected.jsonl: valid bodies give the extracted values, malformed ones the reason code.</summary>
public sealed class ChfRecordReaderCorpusTests
{
    public static TheoryData<string> AllFiles => ChfCorpus.AllFiles();

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void TryRead_CorpusBody_MatchesExpectation(string file)
    {
        var c = ChfCorpus.Get(file);
        Assert.Equal(c.Size, c.Body.Length);
        Assert.True(ChfPaths.TryClassify(System.Text.Encoding.ASCII.GetBytes(c.HttpPath), out var kind, out _));

        var error = ChfRecordReader.TryRead(c.Body, kind, ChfReaderOptions.Default, out var record);

        if (c.Valid)
        {
            Assert.Equal("none", ChfParseErrors.ReasonCode(error));
            Assert.Equal(kind, record.Kind);
            ChfExpectations.AssertMatches(c.Extracted, record);
        }
        else
        {
            Assert.Equal(c.ReasonCode, ChfParseErrors.ReasonCode(error));
            Assert.Equal(default, record.Kind);
            Assert.True(record.Imsi.IsEmpty);
        }
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void TryClassify_CorpusHttpPath_MatchesOperation(string file)
    {
        var c = ChfCorpus.Get(file);

        Assert.True(ChfPaths.TryClassify(System.Text.Encoding.ASCII.GetBytes(c.HttpPath), out var kind, out var reference));

        var expected = c.Operation switch
        {
            "create" => ChfRequestKind.Create,
            "update" => ChfRequestKind.Update,
            "release" => ChfRequestKind.Release,
            _ => ChfRequestKind.Create, // malformed bodies are all posted as a Create
        };
        Assert.Equal(expected, kind);
        var expectedReference = kind == ChfRequestKind.Create ? "" : c.HttpPath.Split('/')[^2];
        Assert.Equal(expectedReference, System.Text.Encoding.ASCII.GetString(reference));
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void TryRead_CorpusBodyInTwoSegments_SameResultAsSpan(string file)
    {
        var c = ChfCorpus.Get(file);
        if (c.Body.Length > ChfReaderOptions.DefaultMaxBodyBytes)
        {
            // The 5 MiB body: one split is enough to show the size check comes first.
            var big = SegmentedBody.Split(c.Body, c.Body.Length / 2);
            Assert.Equal(ChfParseError.BodyTooLarge, ChfRecordReader.TryRead(big, out _));
            return;
        }

        var expected = ChfRecordReader.TryRead(c.Body, out _);
        for (var split = 1; split < c.Body.Length; split += 7)
        {
            var sequence = SegmentedBody.Split(c.Body, split);
            Assert.Equal(expected, ChfRecordReader.TryRead(sequence, out _));
        }
    }

    [Fact]
    public void Corpus_HasValidAndMalformedBodies_AllReasonCodesKnown()
    {
        Assert.Equal(15, ChfCorpus.Valid.Count());
        var known = ChfParseErrors.All.Select(ChfParseErrors.ReasonCode).ToHashSet();
        foreach (var c in ChfCorpus.Cases.Where(c => !c.Valid))
        {
            Assert.Contains(c.ReasonCode!, known);
        }
    }
}
