using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// A flood of validly signed records, far beyond what one worker decides, for a few seconds on loopback: the
/// daemon drops and counts the excess, keeps its caches and memory bounded, answers /readyz and the control
/// plane throughout, and decides a new SIM correctly once the flood stops.
/// </summary>
[Collection(LoadTestCollection.Name)]
public sealed class OverloadTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Distinct = 20_000;
    private const int SessionCapacity = 2_000;
    private const long RssBoundBytes = 600L * 1024 * 1024;
    private static readonly TimeSpan FloodFor = TimeSpan.FromSeconds(4);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-overload-").FullName;

    [Fact]
    public async Task Flood_IsShedAndCounted_ProbesAnswer_MemoryBounded_ThenDecidesNormally()
    {
        // One worker and a short queue make the sustainable rate small and the overload certain on two cores.
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Radius:Workers=1",
            "--ImeiGuard:Radius:QueueCapacity=256",
            $"--ImeiGuard:Radius:SessionCapacity={SessionCapacity}",
            "--ImeiGuard:LearnedIdentifierCapacity=2000");
        using var http = daemon.CreateClient();
        using var anonymous = new HttpClient { BaseAddress = daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var packets = DistinctRecords();

        using var stop = new CancellationTokenSource(FloodFor);
        var flood = Task.Run(() => Flood(packets, daemon.RadiusEndPoint, stop.Token));
        long peakRss = 0;
        var probes = 0;
        var slowestProbe = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var probeStarted = Stopwatch.GetTimestamp();
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v2/enforcement/commands?size=1")).StatusCode);
            slowestProbe = TimeSpan.FromTicks(Math.Max(slowestProbe.Ticks, Stopwatch.GetElapsedTime(probeStarted).Ticks));
            peakRss = Math.Max(peakRss, ResidentBytes(daemon.Pid));
            probes++;
            await Task.Delay(200);
        }

        var sent = await flood;
        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_ingest_queue_depth") == 0);
        var received = series.Value("imeiguard_ingest_datagrams_received_total");
        var decided = series.Value("imeiguard_radius_accounting_requests_total");
        var shed = series.Value("imeiguard_ingest_dropped_total{reason=\"queue_full\"}");
        var kernel = series.Value("imeiguard_ingest_socket_drops_total");
        output.WriteLine($"sent {sent} in {FloodFor.TotalSeconds} s; received {received}, decided {decided}, shed {shed} (queue full) + {kernel} (socket buffer); peak RSS {peakRss / (1024 * 1024)} MiB; {probes} probe rounds, slowest {slowestProbe.TotalMilliseconds:F0} ms");

        Assert.True(probes >= 2, "the control plane was not probed during the flood");
        Assert.True(shed > 0, "no datagram was shed");
        Assert.Equal(sent, received + kernel); // every datagram sent is either received or counted as a kernel drop
        Assert.True(series.Value("imeiguard_sessions_active") <= SessionCapacity);
        Assert.True(series.Value("imeiguard_sessions_untracked_total") + series.Value("imeiguard_sessions_evicted_total") > 0);
        Assert.True(series.Value("imeiguard_learned_identifiers_evicted_total") > 0, "the learned-device map never evicted");
        Assert.True(peakRss < RssBoundBytes, $"peak RSS {peakRss} over {RssBoundBytes}");
        Assert.False(daemon.HasExited);

        // Recovery: a SIM armed after the flood pairs with its device, and another device is a violation.
        const string imsi = "262019999900001";
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", imsi, "ENABLE")).GetProperty("status").GetString());
        using var sender = new AccountingSender(daemon.RadiusEndPoint);
        await sender.SendAsync(imsi, ViolationScenario.DeviceA, "S-after-1");
        Assert.Equal("LOCKED", (await ControlPlaneClient.WaitForStateAsync(http, imsi, "LOCKED")).GetProperty("lockState").GetString());
        await sender.SendAsync(imsi, ViolationScenario.DeviceB, "S-after-2");
        Assert.Equal("VIOLATED", (await ControlPlaneClient.WaitForStateAsync(http, imsi, "VIOLATED")).GetProperty("lockState").GetString());
    }

    /// <summary>Signed Interim-Updates of <see cref="Distinct"/> SIMs, each its own session and device (so every cache keyed by them grows).</summary>
    private static byte[][] DistinctRecords()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var packets = new byte[Distinct][];
        for (var i = 0; i < Distinct; i++)
        {
            var imsi = "26201" + i.ToString("D10", CultureInfo.InvariantCulture);
            var imeisv = "86446103" + i.ToString("D6", CultureInfo.InvariantCulture) + "01"; // TAC, serial number, software version
            packets[i] = ForgedRequests.Interim(imsi, imeisv, "testing123", now, (byte)i, sessionId: "F-" + i.ToString(CultureInfo.InvariantCulture));
        }

        return packets;
    }

    /// <summary>Sends as fast as one thread can until <paramref name="stop"/> fires (and 50 million datagrams at most).</summary>
    private static long Flood(byte[][] packets, IPEndPoint target, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target);
        long sent = 0;
        while (!stop.IsCancellationRequested && sent < 50_000_000)
        {
            for (var i = 0; i < 1024; i++)
            {
                try
                {
                    socket.Send(packets[sent % packets.Length]);
                }
                catch (SocketException)
                {
                    // ECONNREFUSED from an earlier ICMP error or ENOBUFS: keep flooding.
                }

                sent++;
            }
        }

        return sent;
    }

    /// <summary>VmRSS of a process, from /proc.</summary>
    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
