using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>Adapter choice and dead-lettering, end to end through the daemon process.</summary>
public sealed class OssDeliveryTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-oss-").FullName;

    [Fact]
    public async Task Tmf641Adapter_BlockThenResume_PostsServiceOrdersSuspendingThenActivating()
    {
        var imsi = ViolationScenario.Imsis(1, salt: 7)[0];
        await using var oss = await IdempotentOss.StartAsync();
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            $"--ImeiGuard:Oss:Url={new Uri(oss.Url, "/tmf-api/serviceOrdering/v4/serviceOrder")}",
            "--ImeiGuard:Oss:Adapter=tmf641");
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, [imsi], episodes: 1);
        var processed = await oss.WaitForProcessedAsync(2, TimeSpan.FromSeconds(15));

        ViolationScenario.AssertProcessedOnceInOrder(processed, [imsi], episodes: 1);
        Assert.Equal(["suspended", "active"], processed.Select(p => p.Body.GetProperty("orderItem")[0].GetProperty("service").GetProperty("state").GetString()));
        Assert.All(processed, p => Assert.Equal(p.Key, p.Body.GetProperty("externalId").GetString()));
        Assert.All(processed, p => Assert.Equal("modify", p.Body.GetProperty("orderItem")[0].GetProperty("action").GetString()));
        Assert.All(processed, p => Assert.Equal(imsi, p.Body.GetProperty("orderItem")[0].GetProperty("service").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task OssRefusesPastDeadLetterAge_CommandsDeadLetteredAndCounted()
    {
        var imsi = ViolationScenario.Imsis(1, salt: 8)[0];
        await using var oss = await IdempotentOss.StartAsync(plan: static (_, _) => new OssFault(503));
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            $"--ImeiGuard:Oss:Url={oss.Url}",
            "--ImeiGuard:Oss:DeadLetterAfter=00:00:02",
            "--ImeiGuard:Oss:ImmediateRetries=0");
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, [imsi], episodes: 1);
        var deadline = Stopwatch.StartNew();
        JsonElement listed;
        do
        {
            await Task.Delay(200);
            listed = await http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=dead_letter");
        }
        while (listed.GetProperty("pageable").GetProperty("totalElements").GetInt64() < 2 && deadline.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal(["resume", "block"], listed.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.All(listed.GetProperty("content").EnumerateArray(), c => Assert.Equal("DEAD_LETTER", c.GetProperty("status").GetString()));
        Assert.Empty(oss.Processed);
        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(2, metrics.Value("imeiguard_enforcement_dead_lettered_total"));
        Assert.Equal(2, metrics.Value("imeiguard_outbox_dead_letter"));
        Assert.Equal(0, metrics.Value("imeiguard_outbox_pending"));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
