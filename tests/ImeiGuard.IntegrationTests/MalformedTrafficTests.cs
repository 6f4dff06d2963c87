using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// Replays every datagram of the shared malformed corpus over real UDP from the corpus's source address:
/// each is counted under its reason code and the daemon keeps serving.
/// </summary>
public sealed class MalformedTrafficTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-malformed-").FullName;

    [Fact]
    public async Task MalformedPcap_EveryDatagram_IsCountedByReasonAndDaemonSurvives()
    {
        var corpus = RepoPaths.Corpus;
        var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(corpus, "radius", "secrets.json"))).RootElement;
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Radius:Clients:0:Name=nas_group_a",
            "--ImeiGuard:Radius:Clients:0:Address=127.0.0.11/32",
            $"--ImeiGuard:Radius:Clients:0:Secret={secrets.GetProperty("nas_group_a").GetProperty("secret").GetString()}",
            "--ImeiGuard:Radius:Clients:1:Name=nas_group_b",
            "--ImeiGuard:Radius:Clients:1:Address=127.0.0.12/32",
            $"--ImeiGuard:Radius:Clients:1:Secret={secrets.GetProperty("nas_group_b").GetProperty("secret").GetString()}");
        using var http = daemon.CreateClient();

        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(corpus, "radius", "malformed.expected.jsonl")))
        {
            using var record = JsonDocument.Parse(line);
            if (!record.RootElement.GetProperty("valid").GetBoolean())
            {
                var reason = record.RootElement.GetProperty("reason_code").GetString()!;
                expected[reason] = expected.GetValueOrDefault(reason) + 1;
            }
        }

        var sent = await SendCaptureAsync(Path.Combine(corpus, "radius", "malformed.pcap"), daemon.RadiusEndPoint);
        Assert.Equal(36, sent);

        var series = await WaitForReceivedAsync(http, sent);
        Assert.Equal(sent, series.Value("imeiguard_ingest_datagrams_received_total"));
        foreach (var (reason, count) in expected)
        {
            Assert.True(
                count == series.Value($"imeiguard_radius_malformed_total{{reason=\"{reason}\"}}"),
                $"reason {reason}: expected {count}, counted {series.Value($"imeiguard_radius_malformed_total{{reason=\"{reason}\"}}")}");
        }

        Assert.False(daemon.HasExited);
        using var anonymous = new HttpClient { BaseAddress = daemon.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(0, series.Value("imeiguard_ingest_dropped_total{reason=\"processing_error\"}"));
    }

    /// <summary>Sends each UDP payload of a capture from its original (loopback) source address.</summary>
    private static async Task<int> SendCaptureAsync(string path, IPEndPoint target)
    {
        var file = await File.ReadAllBytesAsync(path);
        var datagrams = new List<(IPAddress Source, byte[] Payload)>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            datagrams.Add((IPAddress.Parse(d.Source.ToString()), d.Payload.ToArray()));
        }

        var sockets = new Dictionary<IPAddress, Socket>();
        try
        {
            foreach (var (source, payload) in datagrams)
            {
                Assert.True(IPAddress.IsLoopback(source), "corpus traffic must stay on loopback");
                if (!sockets.TryGetValue(source, out var socket))
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    socket.Bind(new IPEndPoint(source, 0));
                    sockets[source] = socket;
                }

                await socket.SendToAsync(payload, SocketFlags.None, target);
                await Task.Delay(2); // stay far below any queue limit: this test is about reasons, not load
            }
        }
        finally
        {
            foreach (var socket in sockets.Values)
            {
                socket.Dispose();
            }
        }

        return datagrams.Count;
    }

    private static async Task<Dictionary<string, double>> WaitForReceivedAsync(HttpClient http, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var series = await MetricsScrape.ReadAsync(http);
            if (series.Value("imeiguard_ingest_datagrams_received_total") >= count || DateTime.UtcNow > deadline)
            {
                await Task.Delay(200); // let the workers finish the last datagrams
                return await MetricsScrape.ReadAsync(http);
            }

            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
