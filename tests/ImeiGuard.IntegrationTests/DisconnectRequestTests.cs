using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The immediate action of a block, end to end: a violation seen in accounting makes the daemon send an
/// RFC 5176 Disconnect-Request to the NAS's DAE (a responder on 127.0.0.1 standing in for 192.0.2.25),
/// signed with that NAS's secret; ACK, NAK and silence are recorded on the command, in its history and in metrics.
/// </summary>
public sealed class DisconnectRequestTests : IAsyncDisposable
{
    private const string DaeSecret = "dae-secret-42";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-dae-").FullName;

    [Fact]
    public async Task Violation_SendsAuthenticatedDisconnectRequest_RecordsAckNakAndTimeout()
    {
        var clock = Stopwatch.StartNew();
        var imsis = ViolationScenario.Imsis(3, salt: 5);
        await using var nas = new DaeResponder(DaeSecret, userName =>
            userName == imsis[0] ? (RadiusCodes.DisconnectAck, 0u)
            : userName == imsis[1] ? (RadiusCodes.DisconnectNak, 503u) // Session-Context-Not-Found
            : null);
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Disconnect:Enabled=true",
            "--ImeiGuard:Disconnect:Timeout=00:00:00.300",
            "--ImeiGuard:Disconnect:Retransmits=1",
            "--ImeiGuard:Disconnect:Nas:0:Name=pgw-a-01",
            "--ImeiGuard:Disconnect:Nas:0:Address=192.0.2.0/24",
            "--ImeiGuard:Disconnect:Nas:0:DaeAddress=127.0.0.1",
            $"--ImeiGuard:Disconnect:Nas:0:Port={nas.Port}",
            $"--ImeiGuard:Disconnect:Nas:0:Secret={DaeSecret}");
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, imsis, episodes: 1);
        var recorded = await WaitForDisconnectsAsync(http, 3);

        Assert.Equal(["ack", "nak", "timeout"], imsis.Select(i => recorded[i]));
        var requests = nas.Requests;
        Assert.Equal(4, requests.Count); // one each, plus one retransmission of the unanswered one
        foreach (var packet in requests)
        {
            Assert.Equal(RadiusCodes.DisconnectRequest, packet[0]);
            Assert.Equal(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
            Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(packet, Encoding.UTF8.GetBytes(DaeSecret)));
            Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(packet, "testing123"u8));
            Assert.Equal(16, DaeResponder.Attribute(packet, RadiusAttributeTypes.MessageAuthenticator)!.Length);
            Assert.Equal(AccountingSender.NasIp, BinaryPrimitives.ReadUInt32BigEndian(DaeResponder.Attribute(packet, RadiusAttributeTypes.NasIpAddress)));
            Assert.Equal(AccountingSender.FramedIp, BinaryPrimitives.ReadUInt32BigEndian(DaeResponder.Attribute(packet, RadiusAttributeTypes.FramedIpAddress)));
            Assert.Equal("S-1", Encoding.UTF8.GetString(DaeResponder.Attribute(packet, RadiusAttributeTypes.AcctSessionId)!));
            Assert.Contains(Encoding.UTF8.GetString(DaeResponder.Attribute(packet, RadiusAttributeTypes.UserName)!), imsis);
            Assert.NotNull(DaeResponder.Attribute(packet, RadiusAttributeTypes.EventTimestamp));
        }

        var history = await HistoryAsync(http, imsis[1]);
        var nak = Assert.Single(history, e => e.GetProperty("kind").GetString() == "disconnect_nak");
        Assert.Equal(42, nak.GetProperty("code").GetInt32());
        Assert.Contains("error-cause=503", nak.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(1, metrics.Value("imeiguard_disconnect_requests_total{result=\"ack\"}"));
        Assert.Equal(1, metrics.Value("imeiguard_disconnect_requests_total{result=\"nak\"}"));
        Assert.Equal(1, metrics.Value("imeiguard_disconnect_requests_total{result=\"timeout\"}"));
        TestContext.Current.SendDiagnosticMessage($"{nameof(Violation_SendsAuthenticatedDisconnectRequest_RecordsAckNakAndTimeout)}: {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Violation_NasWithoutDaeTarget_RecordedAsNoTarget()
    {
        var imsi = ViolationScenario.Imsis(1, salt: 6)[0];
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Disconnect:Enabled=true",
            "--ImeiGuard:Disconnect:Nas:0:Address=198.51.100.7",
            "--ImeiGuard:Disconnect:Nas:0:DaeAddress=127.0.0.1",
            $"--ImeiGuard:Disconnect:Nas:0:Secret={DaeSecret}");
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, [imsi], episodes: 1);

        Assert.Equal("no_target", (await WaitForDisconnectsAsync(http, 1))[imsi]);
    }

    /// <summary>The disconnect result of each SIM's block, once <paramref name="count"/> blocks have one (10 s at most).</summary>
    private static async Task<Dictionary<string, string?>> WaitForDisconnectsAsync(HttpClient http, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?size=100");
            var blocks = listed.GetProperty("content").EnumerateArray()
                .Where(c => c.GetProperty("kind").GetString() == "block")
                .ToDictionary(
                    c => c.GetProperty("command").GetProperty("subscriber").GetProperty("imsi").GetString()!,
                    c => c.GetProperty("disconnect").GetString());
            if (blocks.Values.Count(v => v is not null) >= count || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return blocks;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement[]> HistoryAsync(HttpClient http, string imsi)
    {
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?size=100");
        var block = listed.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("idempotencyKey").GetString() == $"block:{imsi}:1");
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v2/enforcement/commands/{block.GetProperty("sequence").GetInt64()}/history");
        return [.. history.GetProperty("content").EnumerateArray()];
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
