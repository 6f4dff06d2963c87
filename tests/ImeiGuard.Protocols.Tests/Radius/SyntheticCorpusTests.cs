using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>radius/synthetic.pcap: valid but unusual forms, checked against the generator's intended values.</summary>
public sealed class SyntheticCorpusTests
{
    private const string Set = "synthetic";

    public static TheoryData<int> Records => Corpus.Indices(Set);

    [Fact]
    public void Corpus_Frames_MatchExpectationRecords()
    {
        Assert.Equal(
            Corpus.Expected(Set).Select(r => Json.Number(r, "frame")!.Value),
            Corpus.Datagrams(Set).Select(d => d.Frame));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void TryParse_SyntheticRequest_MatchesIntendedValues(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);

        var error = AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request);

        Assert.Equal(RadiusParseError.None, error);
        ExpectedRequest.AssertFields(record, request);
        ExpectedRequest.AssertSyntheticFields(record, request);
        Assert.Equal(Json.String(record, "src_ip"), datagram.SourceIp);
        Assert.Equal(Json.Number(record, "src_port"), datagram.SourcePort);
        Assert.Equal(Json.Number(record, "dst_port"), datagram.DestinationPort);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Classify_SyntheticRequestWithItsSecret_ReportsNone(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var secret = Corpus.Secret(Json.String(record, "secret_name")!);

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.Classify(datagram.Payload, secret, RadiusParserOptions.Default, out _));
    }

    [Fact]
    public void TryParse_NcgiWrittenSpareFirst_DecodesGeneratorValueWithSpareFirstOption()
    {
        var checkedRecords = 0;
        foreach (var record in Corpus.Expected(Set))
        {
            if (record.GetProperty("generator").TryGetProperty("ncgi_layout", out var layout) && layout.GetString() == "spare_first")
            {
                var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
                var options = new RadiusParserOptions { NcgiLayout = NcgiLayout.SpareFirst };

                Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(datagram.Payload, options, out var request));

                Assert.Equal(CellIdKind.Nci, request.Location.CellKind);
                Assert.Equal(Json.Number(record.GetProperty("location"), "nci_spare_first"), (long)request.Location.CellId);
                checkedRecords++;
            }
        }

        Assert.True(checkedRecords > 0);
    }

    [Fact]
    public void TryParse_UliType138_KeepsTypeAndPlmnOnly()
    {
        var record = Corpus.Expected(Set).Single(r => Json.String(r, "form") == "uli_type_138_raw");
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request));

        Assert.True(request.Location.IsPresent);
        Assert.Equal(UliType.NgRanNodeId, request.Location.Type);
        Assert.Equal("310-410", request.Location.Plmn.ToString());
        Assert.Equal(CellIdKind.None, request.Location.CellKind);
        Assert.Equal(Json.String(record, "uli_hex"), Format.Hex(request.UserLocationInfoRaw));
    }

    [Fact]
    public void TryParse_TbcdImeiWithFiller_FillsPeiAsImei15WithLuhn()
    {
        var record = Corpus.Expected(Set).Single(r => Json.String(r, "form") == "imei_tbcd15");
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);

        Assert.Equal(RadiusParseError.None, AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request));

        Assert.Equal(PeiKind.Imei15, request.Pei.Kind);
        Assert.Equal(PeiWireForm.Tbcd, request.Pei.WireForm);
        Assert.True(request.Pei.LuhnOk);
        Assert.Equal(request.Pei.Device.CheckDigit, request.Pei.TrailingDigits);
    }
}
