using ImeiGuard.IntegrationTests.Infrastructure;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests;

/// <summary>Only configured sources are trusted, authenticators must verify, and Accounting-On ends a NAS's sessions.</summary>
public sealed class SourceTrustTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-trust-").FullName;

    [Fact]
    public async Task Datagrams_FromUnknownSourceOrWithBadAuthenticator_AreDroppedAndCounted()
    {
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Radius:Clients:0:Name=nas-a",
            "--ImeiGuard:Radius:Clients:0:Address=127.0.0.21/32",
            "--ImeiGuard:Radius:Clients:0:Secret=right-secret",
            "--ImeiGuard:Radius:Clients:1:Name=probe",
            "--ImeiGuard:Radius:Clients:1:Address=127.0.0.22/32",
            "--ImeiGuard:Radius:Clients:1:AcceptUnverified=true");
        using var http = daemon.CreateClient();

        await SendAsync(daemon, "127.0.0.21", Build("right-secret"));   // accepted
        await SendAsync(daemon, "127.0.0.21", Build("wrong-secret"));   // bad authenticator
        await SendAsync(daemon, "127.0.0.23", Build("right-secret"));   // unknown source
        await SendAsync(daemon, "127.0.0.22", Build("anything"));       // accepted unverified

        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_ingest_datagrams_received_total") >= 4);
        Assert.Equal(2, series.Value("imeiguard_radius_accounting_requests_total"));
        Assert.Equal(1, series.Value("imeiguard_radius_malformed_total{reason=\"bad_request_authenticator\"}"));
        Assert.Equal(1, series.Value("imeiguard_ingest_dropped_total{reason=\"unknown_source\"}"));
        Assert.Equal(1, series.Value("imeiguard_radius_accepted_unverified_total"));
    }

    [Fact]
    public async Task AccountingOn_EndsThatNasSessions()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = daemon.CreateClient();
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123",
            Radclient.Accounting("Start", "262017745956507", "8644610320772414", "S-1", 1724568390),
            Radclient.Accounting("Start", "262017745956508", "8644610320772415", "S-2", 1724568391));
        var open = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_sessions_active") == 2);
        Assert.Equal(2, open.Value("imeiguard_sessions_active"));

        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123", """
            Acct-Status-Type = Accounting-On
            NAS-IP-Address = 192.0.2.25
            NAS-Identifier = "pgw-a-01"
            """);
        var ended = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_sessions_active") == 0);
        Assert.Equal(0, ended.Value("imeiguard_sessions_active"));
    }

    [Fact]
    public async Task ReplayedOrFutureEventTimestamp_IsDroppedAndNeverChangesTheBinding()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, "--ImeiGuard:Radius:MaxEventAge=00:10:00");
        using var http = daemon.CreateClient();
        const string imsi = "262017745956507";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await ControlPlaneClient.ApplyAsync(http, "imsi", imsi, "ENABLE");
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123", Radclient.Accounting("Start", imsi, "8644610320772414", "S-1", now));
        await ControlPlaneClient.WaitForStateAsync(http, imsi, "LOCKED");

        // A validly signed record of another device, but two hours old (a replayed capture) or an hour ahead.
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123", Radclient.Accounting("Interim-Update", imsi, "3534900661012808", "S-0", now - 7200));
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123", Radclient.Accounting("Interim-Update", imsi, "3534900661012808", "S-0", now + 3600));
        var series = await MetricsScrape.WaitUntilAsync(http, s => s.Value("imeiguard_ingest_dropped_total{reason=\"stale_event\"}") >= 4);
        // Dropped records are not answered, so radclient retransmits each once (-r 2): every copy is dropped.
        Assert.Equal(4, series.Value("imeiguard_ingest_dropped_total{reason=\"stale_event\"}"));
        Assert.Equal(0, series.Value("imeiguard_verdicts_total{verdict=\"violation\"}"));
        Assert.Equal("LOCKED", (await ControlPlaneClient.GetBindingAsync(http, "imsi", imsi)).GetProperty("lockState").GetString());

        // The same device change, live, is a violation: the window blocks replays, not enforcement.
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123", Radclient.Accounting("Interim-Update", imsi, "3534900661012808", "S-2", now));
        await ControlPlaneClient.WaitForStateAsync(http, imsi, "VIOLATED");
    }

    private static byte[] Build(string secret)
    {
        var buffer = new byte[256];
        var writer = new RadiusPacketWriter(buffer, 4, 7);
        Assert.True(writer.TryWriteUInt32(40, 3));
        Assert.True(writer.TryWriteAttribute(1, "262017745956507"u8));
        Assert.True(writer.TryWriteAttribute(44, "S-9"u8));
        Assert.True(writer.TrySignRequest(System.Text.Encoding.UTF8.GetBytes(secret), out var length));
        return buffer[..length];
    }

    private static Task SendAsync(DaemonProcess daemon, string source, byte[] payload) =>
        ForgedRequests.SendFromAsync(source, daemon.RadiusEndPoint, payload);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
