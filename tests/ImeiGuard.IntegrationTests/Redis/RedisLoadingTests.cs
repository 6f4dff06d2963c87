using ImeiGuard.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ImeiGuard.IntegrationTests.Redis;

/// <summary>
/// A restarted Redis accepts connections before it has read its data set back and answers LOADING until then
/// (minutes for a large production data set). A record decided meanwhile must wait for it, not fail and vanish.
/// </summary>
public sealed class RedisLoadingTests
{
    private const string Imsi = "262017745958001";

    [Fact]
    public async Task ViolationWhileRestartedRedisIsLoading_IsHeldThenBlockedOnce()
    {
        // Loading made slow and visible: 1 ms a key over the filler below, with clients served every KB of it.
        await using var fleet = await RedisFleet.StartAsync("--key-load-delay", "1000", "--loading-process-events-interval-bytes", "1024");
        await using var oss = await IdempotentOss.StartAsync();
        var daemon = await fleet.AddInstanceAsync("a", $"--ImeiGuard:Oss:Url={oss.Url}");
        using var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        using var sender = new AccountingSender(daemon.RadiusEndPoint);
        await sender.SendAsync(Imsi, ViolationScenario.DeviceA, "S-1");
        await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        await FillAndSaveAsync(fleet.Redis, keys: 2_000);

        await fleet.Redis.StopAsync("KILL");
        await MetricsScrape.WaitUntilAsync(http, m => m.Value("imeiguard_redis_connected") == 0);
        // The near-cache service looks once a second: let it see the outage, so that it resynchronises on the return.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !daemon.Log.Contains("Redis is unreachable", StringComparison.Ordinal) && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
        }

        await fleet.Redis.StartAgainAsync(waitUntilLoaded: false);
        // The daemon reconnects while Redis still loads: its calls now reach a server that answers LOADING.
        await MetricsScrape.WaitUntilAsync(http, m => m.Value("imeiguard_redis_connected") == 1);
        Assert.True(await fleet.Redis.IsLoadingAsync(), "Redis finished loading before the daemon reconnected; the test needs a longer load");
        await sender.SendAsync(Imsi, ViolationScenario.DeviceB, "S-2");
        Assert.True(await fleet.Redis.IsLoadingAsync(), "Redis finished loading before the violation was decided; the test needs a longer load");

        for (var deadline = DateTime.UtcNow.AddSeconds(60); oss.Processed.Count == 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
        }


        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.True(oss.Processed.Select(p => p.Key).SequenceEqual([$"block:{Imsi}:1"]),
            $"processed [{string.Join(", ", oss.Processed.Select(p => p.Key))}]\n{daemon.Log[^Math.Min(daemon.Log.Length, 6000)..]}");
        Assert.Equal(0, metrics.Value("imeiguard_decision_errors_total"));
        Assert.True(metrics.Value("imeiguard_undecided_total{reason=\"transition_held\"}") >= 1, "the violation was not held while Redis loaded");
        Assert.Equal("VIOLATED", (await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED")).GetProperty("lockState").GetString());
    }

    /// <summary>Filler keys (so that loading them back takes a while), then a foreground SAVE of everything.</summary>
    private static async Task FillAndSaveAsync(RedisServer redis, int keys)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var db = connection.GetDatabase();
        var filler = new string('x', 100);
        await Task.WhenAll(Enumerable.Range(0, keys).Select(i => db.StringSetAsync($"filler:{i}", filler)));
        await db.ExecuteAsync("SAVE");
    }
}
