using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Redis;

/// <summary>
/// Daemons as child processes sharing a real redis-server (ImeiGuard:Store=Redis), driven over UDP RADIUS and
/// the control plane on loopback: they agree on pairings, see each other's changes, and lose nothing to an outage.
/// </summary>
public sealed class RedisFleetTests
{
    private const string DeviceA = ViolationScenario.DeviceA;
    private const string DeviceB = ViolationScenario.DeviceB;

    [Fact]
    public async Task TwoInstances_RaceOnArmedSim_ExactlyOnePairsAndTheOtherIsFlagged()
    {
        await using var fleet = await RedisFleet.StartAsync();
        var a = await fleet.AddInstanceAsync("a");
        var b = await fleet.AddInstanceAsync("b");
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        const string Imsi = "262017745950001";
        var enabled = await ControlPlaneClient.ApplyAsync(httpA, "imsi", Imsi, "ENABLE");
        Assert.True(enabled.GetProperty("status").GetString() == "SUCCESS", $"{enabled}\n{a.Log}");

        using var senderA = new AccountingSender(a.RadiusEndPoint);
        using var senderB = new AccountingSender(b.RadiusEndPoint);
        await Task.WhenAll(senderA.SendAsync(Imsi, DeviceA, "S-A"), senderB.SendAsync(Imsi, DeviceB, "S-B"));

        var binding = await ControlPlaneClient.WaitForStateAsync(httpA, Imsi, "VIOLATED");
        Assert.Equal("VIOLATED", binding.GetProperty("lockState").GetString());
        var bound = binding.GetProperty("boundImei").GetString();
        var violating = binding.GetProperty("violatingImei").GetString();
        Assert.Equal(new[] { DeviceA[..14], DeviceB[..14] }.Order(), new[] { bound![..14], violating![..14] }.Order());

        // The binding is visible in Redis a moment before the deciding instance counts its verdict: wait (bounded)
        // for both verdicts to be counted, then require exactly one of each across the fleet.
        var (paired, violation) = (0.0, 0.0);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var metricsA = await MetricsScrape.ReadAsync(httpA);
            var metricsB = await MetricsScrape.ReadAsync(httpB);
            paired = metricsA.Value("imeiguard_verdicts_total{verdict=\"paired\"}") + metricsB.Value("imeiguard_verdicts_total{verdict=\"paired\"}");
            violation = metricsA.Value("imeiguard_verdicts_total{verdict=\"violation\"}") + metricsB.Value("imeiguard_verdicts_total{verdict=\"violation\"}");
            if (paired >= 1 && violation >= 1)
            {
                break;
            }
        }

        Assert.Equal(1, paired);
        Assert.Equal(1, violation);
        var commands = await httpB.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=all");
        var only = Assert.Single(commands.GetProperty("content").EnumerateArray());
        Assert.Equal($"block:{Imsi}:1", only.GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task ControlPlaneChangeOnOneInstance_ReachesTheOthersDecisionsWithinOneSecond()
    {
        await using var fleet = await RedisFleet.StartAsync();
        var a = await fleet.AddInstanceAsync("a");
        var b = await fleet.AddInstanceAsync("b");
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        using var senderB = new AccountingSender(b.RadiusEndPoint);
        const string Imsi = "262017745950002";
        await ControlPlaneClient.ApplyAsync(httpA, "imsi", Imsi, "ENABLE");
        await senderB.SendAsync(Imsi, DeviceA, "S-1"); // B fetches the armed SIM, pairs it and caches the binding
        await ControlPlaneClient.WaitForStateAsync(httpB, Imsi, "LOCKED");

        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(httpA, "imsi", Imsi, "RESET")).GetProperty("status").GetString());
        var clock = Stopwatch.StartNew();
        var onB = await ControlPlaneClient.WaitForStateAsync(httpB, Imsi, "ARMED"); // B's near-cache, not Redis
        var reached = clock.Elapsed;

        Assert.Equal("ARMED", onB.GetProperty("lockState").GetString());
        Assert.True(reached < TimeSpan.FromSeconds(1), $"the RESET reached instance B after {reached}");
        // A stale copy would call the same device a match and write nothing; the refreshed one pairs it again, and the
        // shared history shows it. (Counted there, not in B's verdicts: on a loaded machine a pairing write can outlive
        // the client's timeout, be held, and be decided again after the refresh its own write caused — as a match.)
        await senderB.SendAsync(Imsi, DeviceA, "S-2");
        var pairings = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); pairings < 2 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var history = await httpB.GetFromJsonAsync<JsonElement>($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/history");
            pairings = history.GetProperty("content").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "paired");
        }

        Assert.Equal(2, pairings);
        var state = await ControlPlaneClient.WaitForStateAsync(httpA, Imsi, "LOCKED");
        Assert.Equal("LOCKED", state.GetProperty("lockState").GetString());
    }

    [Fact]
    public async Task RedisKilledAndRestartedMidTraffic_EveryBlockIsActedOnOnce()
    {
        // Redis keeps its data across the kill (append-only file, fsync per write), as a production Redis would.
        await using var fleet = await RedisFleet.StartAsync("--appendonly", "yes", "--appendfsync", "always");
        await using var oss = await IdempotentOss.StartAsync();
        var a = await fleet.AddInstanceAsync("a", $"--ImeiGuard:Oss:Url={oss.Url}");
        var b = await fleet.AddInstanceAsync("b", $"--ImeiGuard:Oss:Url={oss.Url}");
        using var http = a.CreateClient();
        using var probe = new HttpClient { BaseAddress = a.BaseAddress };
        var imsis = ViolationScenario.Imsis(6, 7);
        foreach (var imsi in imsis)
        {
            await ControlPlaneClient.ApplyAsync(http, "imsi", imsi, "ENABLE");
        }

        using var senderA = new AccountingSender(a.RadiusEndPoint);
        using var senderB = new AccountingSender(b.RadiusEndPoint);
        foreach (var imsi in imsis)
        {
            await senderA.SendAsync(imsi, DeviceA, "S-1");
            await senderB.SendAsync(imsi, DeviceA, "S-1"); // both instances hold every SIM in their near-cache
            await ControlPlaneClient.WaitForStateAsync(http, imsi, "LOCKED");
        }

        await senderA.SendAsync(imsis[0], DeviceB, "S-2");
        await senderB.SendAsync(imsis[1], DeviceB, "S-2");
        await fleet.Redis.StopAsync("KILL");
        foreach (var imsi in imsis[2..])
        {
            await (imsi[^1] % 2 == 0 ? senderA : senderB).SendAsync(imsi, DeviceB, "S-2"); // answered and held: Redis is down
        }

        var down = await MetricsScrape.WaitUntilAsync(http, m => m.Value("imeiguard_redis_connected") == 0);
        Assert.Equal(0, down.Value("imeiguard_redis_connected"));
        Assert.Contains("redis down", await probe.GetStringAsync("/readyz"), StringComparison.Ordinal);

        await fleet.Redis.StartAgainAsync();
        // Bounded, not a sleep: a block whose delivery failed during the outage waits out its retry backoff (or the
        // 30 s claim idle time when the other instance takes it over), so allow a minute and a half.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (oss.Processed.Count < imsis.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Each block reached the OSS with its one idempotency key and was acted on once. Delivery is at-least-once
        // (docs/enforcement.md): a block delivered just as Redis died loses its acknowledgement and is sent again,
        // under the same key, which the OSS answers as already done.
        var expected = string.Join(" ", imsis.Select(i => $"block:{i}:1").Order());
        var processed = string.Join(" ", oss.Processed.Select(p => p.Key).Order());
        Assert.True(expected == processed, $"processed {processed}\nreceived {string.Join(", ", oss.Received)}\n--- a\n{Tail(a.Log)}\n--- b\n{Tail(b.Log)}");
        await Task.Delay(1000);
        Assert.All(oss.Received, r => Assert.Contains(r.Key, imsis.Select(i => $"block:{i}:1")));
        Assert.Equal(imsis.Length, oss.Processed.Count);
        var held = (await MetricsScrape.ReadAsync(http)).Value("imeiguard_undecided_total{reason=\"transition_held\"}")
            + (await MetricsScrape.ReadAsync(b.CreateClient())).Value("imeiguard_undecided_total{reason=\"transition_held\"}");
        Assert.True(held >= imsis.Length - 2, $"held {held}");
        Assert.Contains("redis ok", await probe.GetStringAsync("/readyz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceKilledWhileDeliveringABlock_AnotherClaimsItAfterTheIdleTimeAndTheOssProcessesItOnce()
    {
        // The OSS acts on the first request of a key but never answers it: its sender dies waiting, unacknowledged.
        await using var oss = await IdempotentOss.StartAsync(plan: static (_, receipt) => receipt == 1 ? new OssFault(Delay: TimeSpan.FromMinutes(2)) : null);
        await using var fleet = await RedisFleet.StartAsync();
        string[] settings = [$"--ImeiGuard:Oss:Url={oss.Url}", "--ImeiGuard:Redis:ClaimIdleTime=00:00:08"];
        var a = await fleet.AddInstanceAsync("a", settings);
        var b = await fleet.AddInstanceAsync("b", settings);
        using var http = a.CreateClient();
        const string Imsi = "262017745950003";
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        using var sender = new AccountingSender(a.RadiusEndPoint);
        await sender.SendAsync(Imsi, DeviceA, "S-1");
        await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        await sender.SendAsync(Imsi, DeviceB, "S-2");

        // Whichever instance read the block from the stream holds it (XPENDING names it) and is killed mid-request.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); oss.InFlight == 0 && DateTime.UtcNow < deadline; await Task.Delay(20))
        {
        }

        var asked = oss.Elapsed;
        var held = Assert.Single(await fleet.PendingAsync("{outbox}:stream", "dispatch"));
        var (holder, survivor) = held.ConsumerName == "a" ? (a, b) : (b, a);
        Assert.Equal(1, oss.InFlight);
        await holder.KillAsync();
        var killed = oss.Elapsed;

        var received = await WaitForReceiptsAsync(oss, 2, TimeSpan.FromSeconds(30));
        Assert.Equal([$"block:{Imsi}:1", $"block:{Imsi}:1"], received.Select(r => r.Key));
        // Not before the holder died, and not before the entry had been idle for ClaimIdleTime (its read time is
        // estimated no later than it was: the idle time XPENDING reported, counted back from before the question).
        var readNoLaterThan = asked - TimeSpan.FromMilliseconds(held.IdleTimeInMilliseconds);
        Assert.True(received[1].At >= killed, $"resent at {received[1].At}, before the holder was killed at {killed}");
        Assert.True(received[1].At >= readNoLaterThan + TimeSpan.FromSeconds(8), $"claimed at {received[1].At}, read at {readNoLaterThan} at the latest");
        Assert.Equal($"block:{Imsi}:1", Assert.Single(oss.Processed).Key); // the OSS acted once: the retry carried the same key

        var pending = await fleet.PendingAsync("{outbox}:stream", "dispatch");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); pending.Length > 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            pending = await fleet.PendingAsync("{outbox}:stream", "dispatch");
        }

        Assert.Empty(pending);
        using var survivorHttp = survivor.CreateClient();
        var delivered = await survivorHttp.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=delivered");
        Assert.Equal($"block:{Imsi}:1", Assert.Single(delivered.GetProperty("content").EnumerateArray()).GetProperty("idempotencyKey").GetString());
        await Task.Delay(1000); // and nothing more arrives
        Assert.Equal(2, oss.Received.Count);
    }

    private static async Task<IReadOnlyList<OssReceipt>> WaitForReceiptsAsync(IdempotentOss oss, int count, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; oss.Received.Count < count && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
        }

        return oss.Received;
    }

    private static string Tail(string log) => log.Length <= 6000 ? log : log[^6000..];
}
