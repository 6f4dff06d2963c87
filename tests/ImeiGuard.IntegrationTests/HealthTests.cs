using System.Net;
using System.Net.Sockets;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>/readyz reports the listener, the store and a stuck outbox.</summary>
public sealed class HealthTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-health-").FullName;

    [Fact]
    public async Task Readyz_OssUnreachableLongerThanThreshold_ReportsStuckOutbox()
    {
        int closedPort;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            closedPort = ((IPEndPoint)l.LocalEndpoint).Port; // nothing listens here once disposed
        }

        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            $"--ImeiGuard:Oss:Url=http://127.0.0.1:{closedPort}/oss",
            "--ImeiGuard:Health:OutboxStuckAfter=00:00:01",
            "--ImeiGuard:Health:FailReadinessOnStuckOutbox=true");
        using var http = daemon.CreateClient();
        using var probe = new HttpClient { BaseAddress = daemon.BaseAddress };
        var ready = await probe.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("outbox ok", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await ControlPlaneClient.ApplyAsync(http, "imsi", "262017745956507", "ENABLE");
        await Radclient.SendAsync(daemon.RadiusEndPoint, "testing123",
            Radclient.Accounting("Start", "262017745956507", "8644610320772414", "S-1", 1724568390),
            Radclient.Accounting("Interim-Update", "262017745956507", "3534900661012808", "S-1", 1724568450));
        await ControlPlaneClient.WaitForStateAsync(http, "262017745956507", "VIOLATED");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage stuck;
        do
        {
            await Task.Delay(200);
            stuck = await probe.GetAsync("/readyz");
        }
        while (stuck.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stuck.StatusCode);
        var body = await stuck.Content.ReadAsStringAsync();
        Assert.Contains("outbox stuck", body, StringComparison.Ordinal);
        Assert.Contains("udp_listener ok", body, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
