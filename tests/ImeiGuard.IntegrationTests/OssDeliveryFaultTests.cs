using System.Diagnostics;
using System.Text;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// Enforcement that is never lost, under OSS and daemon faults, end to end: the daemon process, accounting
/// over loopback UDP, the control plane, and an OSS that honours Idempotency-Key. In every case every command
/// is delivered, each SIM's commands are processed in order, and each key is processed once. Each test is
/// bounded (every wait has a timeout) and reports its duration.
/// </summary>
public sealed class OssDeliveryFaultTests : IAsyncDisposable
{
    private const string Secret = "whsec-test-0123456789";
    private const int Episodes = 2;
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-fault-").FullName;

    [Fact]
    public async Task OssDownThenBack_EveryCommandDeliveredOnceInOrder()
    {
        var clock = Stopwatch.StartNew();
        var port = LoopbackPorts.FreeTcp();
        var imsis = ViolationScenario.Imsis(2, salt: 1);
        await using var daemon = await StartDaemonAsync(new Uri($"http://127.0.0.1:{port}/oss/commands"));
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, imsis, Episodes);
        Assert.True(await WaitForMetricAsync(http, "imeiguard_enforcement_deliveries_total{result=\"failed\"}", 4), "no failed attempts while the OSS was down");
        await Task.Delay(TimeSpan.FromSeconds(2)); // down a while longer: the breaker opens, the durable schedule backs off

        await using var oss = await IdempotentOss.StartAsync(port, SecretBytes);
        var processed = await oss.WaitForProcessedAsync(imsis.Length * Episodes * 2, TimeSpan.FromSeconds(30));

        ViolationScenario.AssertProcessedOnceInOrder(processed, imsis, Episodes);
        Assert.Equal(imsis.Length * Episodes * 2, await ViolationScenario.WaitForDeliveredAsync(http, imsis.Length * Episodes * 2));
        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.True(metrics.Value("imeiguard_enforcement_retries_total{stage=\"scheduled\"}") > 0);
        Assert.Equal(0, metrics.Value("imeiguard_outbox_pending"));
        Assert.Contains("Circuit to the OSS is open", daemon.Log, StringComparison.Ordinal);
        Report(clock);
    }

    [Fact]
    public async Task Oss500And429_RetriedHonouringRetryAfter_DeliveredOnceInOrder()
    {
        var clock = Stopwatch.StartNew();
        var imsis = ViolationScenario.Imsis(2, salt: 2);
        // Every key: 500, then 429 with Retry-After 1 s (retried at once, after the pause). The first block of a
        // SIM then gets 429 with Retry-After 3 s: longer than an immediate retry may wait, so it is rescheduled durably.
        await using var oss = await IdempotentOss.StartAsync(secret: SecretBytes, plan: static (key, receipt) => receipt switch
        {
            1 => new OssFault(500),
            2 => new OssFault(429, RetryAfterSeconds: 1),
            3 when key.StartsWith("block:", StringComparison.Ordinal) && key.EndsWith(":1", StringComparison.Ordinal) => new OssFault(429, RetryAfterSeconds: 3),
            _ => null,
        });
        await using var daemon = await StartDaemonAsync(oss.Url);
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, imsis, Episodes);
        var processed = await oss.WaitForProcessedAsync(imsis.Length * Episodes * 2, TimeSpan.FromSeconds(45));

        ViolationScenario.AssertProcessedOnceInOrder(processed, imsis, Episodes);
        foreach (var group in oss.Received.GroupBy(r => r.Key))
        {
            var receipts = group.OrderBy(r => r.Receipt).ToArray();
            Assert.Equal([500, 429], receipts.Take(2).Select(r => r.Status));
            Assert.True(receipts[2].At - receipts[1].At >= TimeSpan.FromSeconds(0.95), $"{group.Key}: retried {receipts[2].At - receipts[1].At} after Retry-After 1 s");
            if (receipts[2].Status == 429)
            {
                Assert.True(receipts[3].At - receipts[2].At >= TimeSpan.FromSeconds(2.95), $"{group.Key}: retried {receipts[3].At - receipts[2].At} after Retry-After 3 s");
            }
        }

        Assert.Equal(imsis.Length * Episodes * 2, await ViolationScenario.WaitForDeliveredAsync(http, imsis.Length * Episodes * 2));
        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.True(metrics.Value("imeiguard_enforcement_retries_total{stage=\"immediate\"}") >= imsis.Length * Episodes * 2);
        Report(clock);
    }

    [Fact]
    public async Task OssAnswersAfter10s_TimedOutAndRetried_OssProcessesEachKeyOnce()
    {
        var clock = Stopwatch.StartNew();
        var imsis = ViolationScenario.Imsis(2, salt: 3);
        // The first request of every key is processed at once but answered only after 10 s; the daemon's
        // request timeout is 1 s, so it retries, and the OSS answers the repeat from its idempotency record.
        await using var oss = await IdempotentOss.StartAsync(secret: SecretBytes, plan: static (_, receipt) =>
            receipt == 1 ? new OssFault(Delay: TimeSpan.FromSeconds(10)) : null);
        await using var daemon = await StartDaemonAsync(oss.Url, "--ImeiGuard:Oss:RequestTimeout=00:00:01");
        using var http = daemon.CreateClient();

        await ViolationScenario.RunAsync(daemon, http, imsis, Episodes);
        var processed = await oss.WaitForProcessedAsync(imsis.Length * Episodes * 2, TimeSpan.FromSeconds(30));
        Assert.Equal(imsis.Length * Episodes * 2, await ViolationScenario.WaitForDeliveredAsync(http, imsis.Length * Episodes * 2));

        ViolationScenario.AssertProcessedOnceInOrder(oss.Processed, imsis, Episodes);
        Assert.All(oss.Received.GroupBy(r => r.Key), g => Assert.True(g.Count() >= 2, $"{g.Key} was sent {g.Count()} time(s)"));
        Assert.Equal(processed.Count, oss.Processed.Count);
        Report(clock);
    }

    [Fact]
    public async Task DaemonKilledMidDelivery_RestartedDeliversRestOnceInOrder()
    {
        var clock = Stopwatch.StartNew();
        var imsis = ViolationScenario.Imsis(3, salt: 4);
        var total = imsis.Length * Episodes * 2;
        // Every first request is held 1.5 s before the answer, so a kill lands while a delivery is open.
        await using var oss = await IdempotentOss.StartAsync(secret: SecretBytes, plan: static (_, receipt) =>
            receipt == 1 ? new OssFault(Delay: TimeSpan.FromMilliseconds(1500)) : null);
        var daemon = await StartDaemonAsync(oss.Url);
        try
        {
            using (var http = daemon.CreateClient())
            {
                await ViolationScenario.RunAsync(daemon, http, imsis, Episodes);
            }

            var waited = Stopwatch.StartNew();
            while ((oss.InFlight == 0 || oss.Processed.Count < 2) && waited.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(20);
            }

            Assert.True(oss.InFlight > 0, "no delivery in flight to interrupt");
            Assert.True(oss.Processed.Count < total, "everything was delivered before the kill");
            await daemon.KillAsync();
            Assert.True(daemon.HasExited);
            await daemon.DisposeAsync();

            daemon = await StartDaemonAsync(oss.Url);
            using var http2 = daemon.CreateClient();
            var processed = await oss.WaitForProcessedAsync(total, TimeSpan.FromSeconds(40));
            Assert.Equal(total, await ViolationScenario.WaitForDeliveredAsync(http2, total));

            ViolationScenario.AssertProcessedOnceInOrder(processed, imsis, Episodes);
            Assert.Contains(oss.Received, r => r.Receipt > 1); // the interrupted delivery was sent again, and not processed again
        }
        finally
        {
            await daemon.DisposeAsync();
        }

        Report(clock);
    }

    /// <summary>The daemon with a signing secret and short test timings (durable backoff 0.2 s doubling to 2 s, 1 s breaks).</summary>
    private Task<DaemonProcess> StartDaemonAsync(Uri ossUrl, params string[] extra) => DaemonProcess.StartAsync(
        _dataDirectory,
        [
            $"--ImeiGuard:Oss:Url={ossUrl}",
            $"--ImeiGuard:Oss:SigningSecret={Secret}",
            "--ImeiGuard:Oss:ImmediateRetryDelay=00:00:00.200",
            "--ImeiGuard:Oss:MaxImmediateRetryDelay=00:00:02",
            "--ImeiGuard:Oss:MaxBackoff=00:00:02",
            "--ImeiGuard:Oss:CircuitBreaker:BreakDuration=00:00:01",
            "--ImeiGuard:Oss:CircuitBreaker:MinimumThroughput=4",
            .. extra,
        ]);

    private static async Task<bool> WaitForMetricAsync(HttpClient http, string series, double atLeast)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if ((await MetricsScrape.ReadAsync(http)).Value(series) >= atLeast)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static void Report(Stopwatch clock, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        TestContext.Current.SendDiagnosticMessage($"{test}: {clock.Elapsed.TotalSeconds:F1} s");

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
