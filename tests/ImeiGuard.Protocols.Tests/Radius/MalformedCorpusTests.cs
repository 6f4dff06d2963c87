using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>radius/malformed.pcap: every datagram must yield exactly its <c>reason_code</c>.</summary>
public sealed class MalformedCorpusTests
{
    private const string Set = "malformed";

    public static TheoryData<int> Records => Corpus.Indices(Set);

    [Fact]
    public void Corpus_Datagrams_MatchExpectationRecords()
    {
        var records = Corpus.Expected(Set);
        var datagrams = Corpus.Datagrams(Set);

        Assert.Equal(36, records.Count);
        Assert.Equal(records.Select(r => Json.Number(r, "frame")!.Value), datagrams.Select(d => d.Frame));
        Assert.Equal(records.Select(r => Json.Number(r, "datagram_length")!.Value), datagrams.Select(d => (long)d.Payload.Length));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Classify_MalformedCorpusDatagram_ReportsExpectedReason(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var secret = Corpus.Secret(Json.String(record, "secret_name")!);
        var expected = Json.String(record, "reason_code") ?? "none";

        var reason = AccountingRequestParser.Classify(datagram.Payload, secret, RadiusParserOptions.Default, out _);

        Assert.Equal(expected, RadiusParseErrors.ReasonCode(reason));
        var acceptable = record.GetProperty("acceptable_reasons").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(acceptable.Count == 0 ? "none" : acceptable[0], RadiusParseErrors.ReasonCode(reason));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void TryParse_MalformedCorpusDatagram_ReportsReasonInItsScope(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var secret = Corpus.Secret(Json.String(record, "secret_name")!);
        var expected = Json.String(record, "reason_code") ?? "none";

        var error = AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request);
        var authentication = RadiusParseErrors.IsDatagramScope(error) && error < RadiusParseError.BadRequestAuthenticator
            ? RadiusParseError.None
            : RadiusAuthenticator.VerifyRequest(request.Packet, secret);

        switch (expected)
        {
            case "none":
                Assert.Equal(RadiusParseError.None, error);
                Assert.Equal(RadiusParseError.None, request.ValueError);
                Assert.Equal(RadiusParseError.None, authentication);
                break;
            case "bad_request_authenticator" or "bad_message_authenticator":
                Assert.Equal(RadiusParseError.None, error);
                Assert.Equal(expected, RadiusParseErrors.ReasonCode(authentication));
                break;
            case var _ when Json.String(record, "scope") == "datagram" || expected == "missing_acct_status_type":
                Assert.Equal(expected, RadiusParseErrors.ReasonCode(error));
                break;
            default:
                Assert.Equal(RadiusParseError.None, error);
                Assert.Equal(RadiusParseError.None, authentication);
                Assert.Equal(expected, RadiusParseErrors.ReasonCode(request.ValueError));
                break;
        }
    }
}
