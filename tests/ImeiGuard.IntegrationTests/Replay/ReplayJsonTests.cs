using System.Net;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary><c>imeiguard replay FILE --json</c> against the corpus expectation files, in every capture form.</summary>
public sealed class ReplayJsonTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("imeiguard-replay-");

    public static TheoryData<string, ushort, string> PeerVariants => new()
    {
        { "pcapng-ethernet", CaptureFile.LinkEthernet, "pcapng" },
        { "pcap-vlan", CaptureFile.LinkEthernet, "pcap" },
        { "pcap-sll", CaptureFile.LinkSll, "pcap" },
        { "pcap-sll2", CaptureFile.LinkSll2, "pcap" },
        { "pcapng-sll2", CaptureFile.LinkSll2, "pcapng" },
    };

    [Theory]
    [InlineData("peer")]
    [InlineData("synthetic")]
    [InlineData("malformed")]
    public async Task RunAsync_CorpusCaptureWithSecrets_MatchesExpectedFieldByField(string set)
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile(set + ".pcap"), "--json", "--secrets-file", ReplayRun.CorpusFile("secrets.json"));

        Assert.Equal(0, run.ExitCode);
        var compared = ExpectedRecords.AssertMatch(set, run.Records);
        Assert.True(compared >= ExpectedRecords.Load(set).Count * 10, $"only {compared} values compared");
    }

    [Fact]
    public async Task RunAsync_PeerCapture_SkipsResponsesUnlessAsked()
    {
        var requests = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--json");
        var all = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--json", "--include-responses");

        Assert.All(requests.Records, static r => Assert.Equal(4, r.GetProperty("code").GetInt32()));
        Assert.Equal(41, requests.Records.Count);
        Assert.Equal(82, all.Records.Count);
        Assert.Equal(41, all.Records.Count(static r => r.GetProperty("code").GetInt32() == 5 && r.GetProperty("valid").GetBoolean()));
        Assert.Equal(Enumerable.Range(0, 82), all.Records.Select(static r => r.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task RunAsync_NoSecrets_ChecksNoAuthenticatorAndSaysSo()
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("malformed.pcap"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Records, static r => Assert.Equal(JsonValueKind.Null, r.GetProperty("secret_name").ValueKind));
        Assert.DoesNotContain(run.Records, static r => r.GetProperty("reason_code").GetString() is "bad_request_authenticator" or "bad_message_authenticator");
        Assert.Contains("0 requests checked with a matching secret", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PeerVariants))]
    public async Task RunAsync_PeerRewrappedInOtherLinkLayer_MatchesExpected(string variant, ushort linkType, string format)
    {
        var records = CaptureFile.ReadPcap(await File.ReadAllBytesAsync(ReplayRun.CorpusFile("peer.pcap")));
        var rewrapped = records.Select(r => r with
        {
            Frame = variant switch
            {
                "pcap-vlan" => CaptureFile.VlanTagged(r.Frame),
                _ when linkType == CaptureFile.LinkSll => CaptureFile.Sll(CaptureFile.IpOf(r.Frame)),
                _ when linkType == CaptureFile.LinkSll2 => CaptureFile.Sll2(CaptureFile.IpOf(r.Frame)),
                _ => r.Frame,
            },
        });
        var path = Write(variant + "." + format, format == "pcapng" ? CaptureFile.WritePcapNg(linkType, rewrapped) : CaptureFile.WritePcap(linkType, rewrapped));

        var run = await ReplayRun.InProcessAsync(path, "--json", "--secrets-file", ReplayRun.CorpusFile("secrets.json"));

        Assert.Equal(0, run.ExitCode);
        ExpectedRecords.AssertMatch("peer", run.Records);
        Assert.Contains(format + ", 82 packets", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Ipv6CaptureWithSecretsByNasAttributes_VerifiesEveryRequest()
    {
        // No source addresses: group a is found by NAS-IP-Address, group b by NAS-Identifier.
        var secrets = JsonDocument.Parse(await File.ReadAllBytesAsync(ReplayRun.CorpusFile("secrets.json"))).RootElement;
        var byAttributes = Write("secrets.json", JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, Dictionary<string, string>>
        {
            ["nas_group_a"] = new() { ["secret"] = secrets.GetProperty("nas_group_a").GetProperty("secret").GetString()!, ["nas_ip_address"] = "192.0.2.0/24" },
            ["nas_group_b"] = new() { ["secret"] = secrets.GetProperty("nas_group_b").GetProperty("secret").GetString()!, ["nas_identifier"] = "smf-b-01" },
        }));
        var client = IPAddress.Parse("2001:db8::11");
        var server = IPAddress.Parse("2001:db8::1");
        var records = CaptureFile.ReadPcap(await File.ReadAllBytesAsync(ReplayRun.CorpusFile("peer.pcap")));
        var ipv6 = records.Select(r => r with { Frame = CaptureFile.ToIpv6(r.Frame, client, server) });
        var path = Write("peer-ipv6.pcapng", CaptureFile.WritePcapNg(CaptureFile.LinkEthernet, ipv6));

        var run = await ReplayRun.InProcessAsync(path, "--json", "--secrets-file", byAttributes);

        Assert.Equal(0, run.ExitCode);
        ExpectedRecords.AssertMatch("peer", run.Records, "src_ip", "dst_ip");
        Assert.All(run.Records, static r => Assert.Equal("2001:db8::11", r.GetProperty("src_ip").GetString()));
        Assert.All(run.Records, static r => Assert.True(r.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public async Task RunAsync_SecretOnCommandLine_SelectsBySourceAndFlagsWrongSecret()
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--json", "--secret", "127.0.0.11=pgwA-Dddzkzpr8NwFiQ", "--secret=smf-b-01=wrong");

        var records = run.Records;
        Assert.All(records.Where(static r => r.GetProperty("src_ip").GetString() == "127.0.0.11"), static r => Assert.True(r.GetProperty("valid").GetBoolean()));
        Assert.All(records.Where(static r => r.GetProperty("src_ip").GetString() == "127.0.0.12"), static r =>
        {
            Assert.Equal("smf-b-01", r.GetProperty("secret_name").GetString());
            Assert.Equal("bad_request_authenticator", r.GetProperty("reason_code").GetString());
        });
    }

    [Fact]
    public async Task RunAsync_NcgiSpareFirst_ReadsTheOtherNciLayout()
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--json", "--ncgi-layout", "spare-first");

        var expected = ExpectedRecords.Load("peer");
        var withNci = run.Records.Where(static r => r.GetProperty("uli_type").ValueKind == JsonValueKind.Number && r.GetProperty("uli_type").GetInt32() == 137).ToList();
        Assert.NotEmpty(withNci);
        Assert.All(withNci, r => Assert.Equal(
            expected[r.GetProperty("index").GetInt32()].GetProperty("location").GetProperty("nci_spare_first").GetInt64(),
            r.GetProperty("location").GetProperty("nci").GetInt64()));
    }

    [Fact]
    public async Task RunAsync_OtherPorts_FindsNoRadius()
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--json", "--ports", "1646,3799");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Records);
        Assert.Contains("0 requests, 0 responses; 82 other UDP datagrams", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CaptureCutInsideARecord_PrintsWholeRecordsAndWarns()
    {
        var file = await File.ReadAllBytesAsync(ReplayRun.CorpusFile("synthetic.pcap"));
        var path = Write("cut.pcap", file[..^10]);

        var run = await ReplayRun.InProcessAsync(path, "--json", "--secrets-file", ReplayRun.CorpusFile("secrets.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(16, run.Records.Count);
        Assert.Contains("ends inside a record", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a capture at all, just text")]
    [InlineData("")]
    public async Task RunAsync_NotACapture_ExitsWithOne(string content)
    {
        var path = Write("bad.pcap", System.Text.Encoding.ASCII.GetBytes(content));

        var run = await ReplayRun.InProcessAsync(path, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("replay: " + path, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("a.pcap", "b.pcap")]
    [InlineData("a.pcap", "--ports", "0")]
    [InlineData("a.pcap", "--ports")]
    [InlineData("a.pcap", "--secret", "nosecret")]
    [InlineData("a.pcap", "--ncgi-layout", "middle")]
    [InlineData("a.pcap", "--json", "--apply")]
    [InlineData("a.pcap", "--include-responses")]
    [InlineData("a.pcap", "--frobnicate")]
    public async Task RunAsync_BadArguments_ExitsWithTwoAndUsage(params string[] args)
    {
        var run = await ReplayRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: imeiguard replay FILE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFile_ExitsWithOne()
    {
        var run = await ReplayRun.InProcessAsync(Path.Combine(_temp.FullName, "absent.pcap"), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("absent.pcap", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_ReplayJson_MatchesExpected()
    {
        var run = await ReplayRun.ChildProcessAsync(ReplayRun.CorpusFile("synthetic.pcap"), "--json", "--secrets-file", ReplayRun.CorpusFile("secrets.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        ExpectedRecords.AssertMatch("synthetic", run.Records);
        Assert.Contains("packets/s", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
