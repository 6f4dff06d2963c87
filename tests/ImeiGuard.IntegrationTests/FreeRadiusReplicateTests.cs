using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>FreeRADIUS itself mirrors accounting to ImeiGuard with replicate; the copies verify with the mirror secret.</summary>
public sealed class FreeRadiusReplicateTests : IAsyncDisposable
{
    private const string MirrorSecret = "mirror-Secret-9f3k";
    private const string Imsi = "460039297195853";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-replicate-").FullName;

    [Fact]
    public async Task ReplicatedAccounting_IsAuthenticatedAndEnforced()
    {
        RequiredTool.Find("freeradius", "freeradius");
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            "--ImeiGuard:Radius:Clients:0:Name=freeradius-mirror",
            "--ImeiGuard:Radius:Clients:0:Address=127.0.0.1/32",
            $"--ImeiGuard:Radius:Clients:0:Secret={MirrorSecret}");
        await using var mirror = await FreeRadiusMirror.StartAsync(daemon.RadiusEndPoint, MirrorSecret);
        using var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");

        var (exit, output) = await Radclient.SendAsync(mirror.AccountingEndPoint, FreeRadiusMirror.ClientSecret,
            Radclient.Accounting("Start", Imsi, "3534900661012808", "3FD6A095-1A0B", 1724568230, msisdn: "8615347042708", uli: "0x0064f030892cf7ab"));
        Assert.True(exit == 0, output + "\n" + mirror.Log);
        var locked = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        Assert.Equal("LOCKED", locked.GetProperty("lockState").GetString());

        (exit, output) = await Radclient.SendAsync(mirror.AccountingEndPoint, FreeRadiusMirror.ClientSecret,
            Radclient.Accounting("Interim-Update", Imsi, "8644610320772414", "3FD6A095-1A0B", 1724568290, msisdn: "8615347042708"));
        Assert.True(exit == 0, output);
        await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");

        var series = await MetricsScrape.ReadAsync(http);
        Assert.Equal(2, series.Value("imeiguard_radius_accounting_requests_total"));
        Assert.Equal(0, series.Value("imeiguard_radius_malformed_total{reason=\"bad_request_authenticator\"}"));
        Assert.Equal(0, series.Value("imeiguard_radius_malformed_total{reason=\"bad_message_authenticator\"}"));
        Assert.Equal(1, series.Value("imeiguard_verdicts_total{verdict=\"violation\"}"));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
