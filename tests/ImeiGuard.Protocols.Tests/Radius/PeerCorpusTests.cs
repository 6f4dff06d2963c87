using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>radius/peer.pcap: real radclient packets, checked against tshark's decoding.</summary>
public sealed class PeerCorpusTests
{
    private const string Set = "peer";

    public static TheoryData<int> Records => Corpus.Indices(Set);

    [Fact]
    public void Corpus_RequestFrames_MatchExpectationRecords()
    {
        var requestFrames = Corpus.Datagrams(Set).Where(d => d.Payload.Length > 0 && d.Payload[0] == RadiusCodes.AccountingRequest).Select(d => d.Frame);
        var expectedFrames = Corpus.Expected(Set).Select(r => Json.Number(r, "frame")!.Value);
        Assert.Equal(expectedFrames, requestFrames);
        Assert.Equal(41, Corpus.Expected(Set).Count);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void TryParse_PeerRequest_MatchesTsharkFieldByField(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);

        var error = AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request);

        Assert.Equal(RadiusParseError.None, error);
        ExpectedRequest.AssertFields(record, request);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Datagram_PeerRequest_AddressesAndPortsMatch(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);

        Assert.Equal(Json.String(record, "src_ip"), datagram.SourceIp);
        Assert.Equal(Json.Number(record, "src_port"), datagram.SourcePort);
        Assert.Equal(Json.String(record, "dst_ip"), datagram.DestinationIp);
        Assert.Equal(Json.Number(record, "dst_port"), datagram.DestinationPort);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void VerifyRequest_PeerRequestWithItsSecret_MatchesReferenceChecks(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var checks = record.GetProperty("checks");
        var secret = Corpus.Secret(Json.String(record, "secret_name")!);

        var result = RadiusAuthenticator.VerifyRequest(datagram.Payload, secret);

        Assert.True(Json.Boolean(checks, "request_authenticator_ok"));
        Assert.NotEqual(false, Json.Boolean(checks, "message_authenticator_ok"));
        Assert.Equal(RadiusParseError.None, result);
        Assert.Equal(Json.Boolean(checks, "message_authenticator_ok") is not null, Json.Boolean(record, "has_message_authenticator"));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void VerifyRequest_PeerRequestWithOtherGroupsSecret_ReportsBadRequestAuthenticator(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var datagram = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var other = Json.String(record, "secret_name") == "nas_group_a" ? "nas_group_b" : "nas_group_a";

        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(datagram.Payload, Corpus.Secret(other)));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void WriteAccountingResponse_PeerRequest_EqualsCapturedResponse(int index)
    {
        var record = Corpus.Expected(Set)[index];
        var request = Corpus.Frame(Set, Json.Number(record, "frame")!.Value);
        var captured = Corpus.Datagrams(Set).First(d =>
            d.Frame > request.Frame && d.Payload.Length >= 20 && d.Payload[0] == RadiusCodes.AccountingResponse &&
            d.Payload[1] == request.Payload[1] && d.DestinationPort == request.SourcePort);
        var secret = Corpus.Secret(Json.String(record, "secret_name")!);
        var response = new byte[64];

        var length = RadiusAuthenticator.WriteAccountingResponse(request.Payload, secret, response);

        Assert.Equal(captured.Payload, response[..length]);
    }
}
