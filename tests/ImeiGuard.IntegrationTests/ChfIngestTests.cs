using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>CHF ChargingDataRequest records from the shared corpus through each transport of the daemon.</summary>
public sealed class ChfIngestTests : IAsyncDisposable
{
    private const string Imsi = "262015057443447";     // s1-*.json subscriberIdentifier
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-chf-").FullName;

    [Fact]
    public async Task HttpTap_CreateThenOtherDevice_PairsThenViolatesAndAnswersLikeACHF()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        using var tap = new HttpClient { BaseAddress = daemon.BaseAddress };

        using var created = await tap.PostAsync("/nchf-convergedcharging/v3/chargingdata", Body("s1-initial.json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/nchf-convergedcharging/v3/chargingdata/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var locked = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        Assert.Equal("352099004307076", locked.GetProperty("boundImei").GetString()); // imeisv-3520990043070713 → 14 digits + Luhn

        var otherDevice = (await File.ReadAllTextAsync(Corpus("s1-update.json"))).Replace("imeisv-3520990043070713", "imeisv-8644610320772414", StringComparison.Ordinal);
        using var updated = await tap.PostAsync("/nchf-convergedcharging/v3/chargingdata/ref1/update", new StringContent(otherDevice, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");

        using var released = await tap.PostAsync("/nchf-convergedcharging/v2/chargingdata/ref1/release", Body("s1-termination.json"));
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);

        using var malformed = await tap.PostAsync("/nchf-convergedcharging/v3/chargingdata", Body("m04-bad-supi-prefix.json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ExpectedReason("chf/m04-bad-supi-prefix.json"), problem.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task TcpStream_RecordsSplitAcrossWrites_AreAllReadAndOversizedLineIsSkipped()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, "--ImeiGuard:Chf:TcpPort=" + LoopbackPorts.FreeTcp(), "--ImeiGuard:Chf:MaxRecordBytes=8192");
        using var http = daemon.CreateClient();
        var stream = new StringBuilder();
        foreach (var file in (string[])["s2-initial.json", "s2-update.json", "s2-termination.json"])
        {
            stream.Append(Minified(file)).Append('\n');
        }

        stream.Append('{').Append(new string(' ', 20_000)).Append("}\r\n"); // over the limit: skipped to its newline
        stream.Append(Minified("s3-initial.json")).Append("\r\n");
        stream.Append(Minified("m01-truncated.json")); // last line, no newline
        var bytes = Encoding.UTF8.GetBytes(stream.ToString());

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(daemon.ChfTcpEndPoint);
            var network = client.GetStream();
            for (var offset = 0; offset < bytes.Length; offset += 777) // odd chunk size: records straddle writes
            {
                await network.WriteAsync(bytes.AsMemory(offset, Math.Min(777, bytes.Length - offset)));
                await network.FlushAsync();
            }
        }

        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_chf_records_total") >= 4 && s.Value("imeiguard_chf_malformed_total{reason=\"json_syntax_error\"}") >= 1);
        Assert.Equal(4, series.Value("imeiguard_chf_records_total"));
        Assert.Equal(1, series.Value("imeiguard_chf_malformed_total{reason=\"body_too_large\"}"));
        Assert.Equal(1, series.Value("imeiguard_chf_malformed_total{reason=\"json_syntax_error\"}"));
    }

    [Fact]
    public async Task UdpDatagrams_EachBodyIsOneRecord()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, "--ImeiGuard:Chf:UdpPort=" + LoopbackPorts.FreeUdp());
        using var http = daemon.CreateClient();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        foreach (var file in (string[])["s4-initial.json", "s4-update.json", "m13-array-body.json"])
        {
            await socket.SendToAsync(await File.ReadAllBytesAsync(Corpus(file)), SocketFlags.None, daemon.ChfUdpEndPoint);
        }

        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_chf_records_total") >= 2);
        Assert.Equal(2, series.Value("imeiguard_chf_records_total"));
        Assert.Equal(1, series.Value($"imeiguard_chf_malformed_total{{reason=\"{ExpectedReason("chf/m13-array-body.json")}\"}}"));
    }

    private static string Corpus(string file) => Path.Combine(RepoPaths.Corpus, "chf", file);

    private static ByteArrayContent Body(string file)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Corpus(file)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Minified(string file)
    {
        var text = File.ReadAllText(Corpus(file));
        try
        {
            using var doc = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(doc.RootElement);
        }
        catch (JsonException)
        {
            return text.ReplaceLineEndings(" "); // malformed on purpose: keep it, on one line
        }
    }

    private static string ExpectedReason(string file)
    {
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Corpus, "chf", "expected.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("file").GetString() == file)
            {
                return doc.RootElement.GetProperty("reason_code").GetString()!;
            }
        }

        throw new InvalidOperationException(file + " not in expected.jsonl");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
