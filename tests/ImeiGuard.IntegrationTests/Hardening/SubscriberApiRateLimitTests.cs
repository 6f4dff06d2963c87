using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>The subscriber API's per-caller rate limit over real HTTP: one budget per API key, not per address.</summary>
public sealed class SubscriberApiRateLimitTests : IAsyncDisposable
{
    private const string PortalKey = "portal-key-0123456789abcdef";
    private const string BatchKey = "batch-key-0123456789abcdef";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-ratelimit-").FullName;

    [Fact]
    public async Task Caller_OverPermits_429WithRetryAfter_OtherCallerFromSameAddressServed()
    {
        // A long window: the budget cannot refill while the test runs, however slow the machine.
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory,
            "--ImeiGuard:ControlPlane:RateLimit:Permits=5", "--ImeiGuard:ControlPlane:RateLimit:Window=00:05:00",
            "--ImeiGuard:ControlPlane:ApiKeys:0:Name=portal", $"--ImeiGuard:ControlPlane:ApiKeys:0:Key={PortalKey}",
            "--ImeiGuard:ControlPlane:ApiKeys:0:Scopes:0=simlock:read",
            "--ImeiGuard:ControlPlane:ApiKeys:1:Name=batch", $"--ImeiGuard:ControlPlane:ApiKeys:1:Key={BatchKey}",
            "--ImeiGuard:ControlPlane:ApiKeys:1:Scopes:0=simlock:read");
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await HttpAnswer.GetAsync(http, "/api/v2/bindings", PortalKey)).Status);
        }

        // Every /api/v2 route draws on the same budget.
        var limited = await HttpAnswer.GetAsync(http, "/api/v2/violations", PortalKey);
        Assert.Equal(429, limited.Status);
        Assert.Equal("SIMLOCK_1015", limited.Code);
        Assert.InRange(limited.RetryAfterSeconds ?? 0, 1, 300);

        // Same address, another caller: its own budget. Probes are not limited.
        Assert.Equal(200, (await HttpAnswer.GetAsync(http, "/api/v2/bindings", BatchKey)).Status);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await HttpAnswer.GetAsync(http, "/healthz", PortalKey)).Status);
        }

        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(1, metrics.Value("imeiguard_control_plane_refused_total{reason=\"rate_limited\"}"));
        Assert.Equal(0, metrics.Value("imeiguard_control_plane_refused_total{reason=\"camara_rate_limited\"}"));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
