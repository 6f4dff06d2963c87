using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// Forged Accounting-Requests against a locked SIM, each showing another device: none may change the binding or
/// write a block command, and each is counted under its own reason. A retransmission decides once.
/// </summary>
public sealed class SpoofingTests : IAsyncDisposable
{
    private const string Nas = "127.0.0.21";
    private const string Secret = "right-secret";
    private const string Imsi = "262017745956507";
    private const string BoundDevice = ViolationScenario.DeviceA;
    private const string OtherDevice = ViolationScenario.DeviceB;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-spoof-").FullName;

    [Fact]
    public async Task UnknownSource_ValidlySigned_ChangesNothing()
    {
        await using var node = await LockedAsync();
        await ForgedRequests.SendFromAsync("127.0.0.99", node.Daemon.RadiusEndPoint, ForgedRequests.Interim(Imsi, OtherDevice, Secret, Now));
        await AssertUnchangedAsync(node, "imeiguard_ingest_dropped_total{reason=\"unknown_source\"}");
    }

    [Fact]
    public async Task WrongRequestAuthenticator_ChangesNothing()
    {
        await using var node = await LockedAsync();
        await ForgedRequests.SendFromAsync(Nas, node.Daemon.RadiusEndPoint, ForgedRequests.Interim(Imsi, OtherDevice, "guessed-secret", Now));
        await AssertUnchangedAsync(node, "imeiguard_radius_malformed_total{reason=\"bad_request_authenticator\"}");
    }

    [Fact]
    public async Task WrongMessageAuthenticator_ChangesNothing()
    {
        await using var node = await LockedAsync();
        await ForgedRequests.SendFromAsync(Nas, node.Daemon.RadiusEndPoint, ForgedRequests.WithBadMessageAuthenticator(Imsi, OtherDevice, Secret, Now));
        await AssertUnchangedAsync(node, "imeiguard_radius_malformed_total{reason=\"bad_message_authenticator\"}");
    }

    [Fact]
    public async Task ReplayedPacket_WithOldEventTimestamp_ChangesNothing()
    {
        await using var node = await LockedAsync();
        // Genuinely signed, but recorded two hours ago: outside the 10-minute window this daemon runs with.
        await ForgedRequests.SendFromAsync(Nas, node.Daemon.RadiusEndPoint, ForgedRequests.Interim(Imsi, OtherDevice, Secret, Now - 7200));
        await AssertUnchangedAsync(node, "imeiguard_ingest_dropped_total{reason=\"stale_event\"}");
    }

    [Fact]
    public async Task Retransmission_SameIdentifierAndAuthenticator_GivesOneDecision()
    {
        await using var daemon = await StartAsync();
        using var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        var start = ForgedRequests.Interim(Imsi, BoundDevice, Secret, Now, identifier: 42);
        await ForgedRequests.SendFromAsync(Nas, daemon.RadiusEndPoint, start, start);

        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_radius_duplicates_total") >= 1);
        Assert.Equal(1, series.Value("imeiguard_radius_duplicates_total"));
        Assert.Equal(1, series.Value("imeiguard_radius_accounting_requests_total"));
        Assert.Equal(1, series.Value("imeiguard_verdicts_total{verdict=\"paired\"}"));
        Assert.Equal(0, series.Value("imeiguard_verdicts_total{verdict=\"match\"}"));
        Assert.Equal(2, series.Value("imeiguard_radius_responses_sent_total")); // the NAS gets its answer both times
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/history");
        Assert.Equal(2, history.GetProperty("pageable").GetProperty("totalElements").GetInt64()); // enable, paired
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A daemon trusting one NAS, with the SIM locked to <see cref="BoundDevice"/> by a genuine record.</summary>
    private async Task<LockedNode> LockedAsync()
    {
        var daemon = await StartAsync();
        var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        await ForgedRequests.SendFromAsync(Nas, daemon.RadiusEndPoint, ForgedRequests.Interim(Imsi, BoundDevice, Secret, Now, identifier: 1));
        var binding = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        Assert.Equal("LOCKED", binding.GetProperty("lockState").GetString());
        return new LockedNode(daemon, http, binding.GetProperty("boundImei").GetString()!);
    }

    private Task<DaemonProcess> StartAsync() => DaemonProcess.StartAsync(
        _dataDirectory,
        "--ImeiGuard:Radius:Clients:0:Name=nas-a",
        $"--ImeiGuard:Radius:Clients:0:Address={Nas}/32",
        $"--ImeiGuard:Radius:Clients:0:Secret={Secret}",
        "--ImeiGuard:Radius:MaxEventAge=00:10:00");

    /// <summary>The forged record was counted under <paramref name="counter"/> (exactly once), and nothing else happened.</summary>
    private static async Task AssertUnchangedAsync(LockedNode node, string counter)
    {
        var series = await MetricsScrape.WaitUntilAsync(node.Http, s => s.Value(counter) >= 1);
        Assert.Equal(1, series.Value(counter));
        Assert.Equal(1, series.Value("imeiguard_radius_accounting_requests_total")); // only the genuine record
        Assert.Equal(0, series.Value("imeiguard_verdicts_total{verdict=\"violation\"}"));

        var binding = await ControlPlaneClient.GetBindingAsync(node.Http, "imsi", Imsi);
        Assert.Equal("LOCKED", binding.GetProperty("lockState").GetString());
        Assert.Equal(node.BoundImei, binding.GetProperty("boundImei").GetString());
        var commands = await node.Http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=all");
        Assert.Equal(0, commands.GetProperty("pageable").GetProperty("totalElements").GetInt64());
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private sealed record LockedNode(DaemonProcess Daemon, HttpClient Http, string BoundImei) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Daemon.DisposeAsync();
        }
    }
}
