using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// SIGKILL at random (seeded) moments under UDP load and control-plane writes, then a restart on the same data
/// directory: no acknowledged lock request and no block command may be lost, and the store stays consistent.
/// Set IMEIGUARD_CRASH_SEED to replay a run; the seed is printed.
/// </summary>
[Collection(LoadTestCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Cycles = 3;
    private const string Secret = "testing123";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-crash-").FullName;

    [Fact]
    public async Task KilledUnderLoad_LosesNoAcknowledgedChangeOrBlockCommand()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("IMEIGUARD_CRASH_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"crash seed {seed} (IMEIGUARD_CRASH_SEED={seed} replays it)");
        var random = new Random(seed);
        var sims = Enumerable.Range(0, 12).Select(i => $"2620188{seed % 1000:D3}{i:D5}").ToArray();
        var acknowledged = new List<Acknowledged>();
        var blocksSeen = new HashSet<string>(StringComparer.Ordinal);

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var daemon = await DaemonProcess.StartAsync(_dataDirectory);
            using var http = daemon.CreateClient();
            await AssertNothingLostAsync(http, acknowledged, blocksSeen);

            using var load = new CancellationTokenSource();
            var writes = Task.Run(() => WriteLocksAsync(http, sims, new Random(random.Next()), acknowledged, load.Token));
            var traffic = Task.Run(() => SendRecordsAsync(daemon, sims, new Random(random.Next()), load.Token));
            var killAfter = TimeSpan.FromMilliseconds(random.Next(500, 2000));
            var deadline = DateTime.UtcNow + killAfter;
            while (DateTime.UtcNow < deadline)
            {
                blocksSeen.UnionWith(await BlockKeysAsync(http));
                await Task.Delay(100);
            }

            await daemon.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(writes, traffic);
            output.WriteLine($"cycle {cycle}: killed after {killAfter.TotalMilliseconds} ms; {acknowledged.Count} requests acknowledged, {blocksSeen.Count} block commands seen so far");
            await daemon.DisposeAsync();
        }

        await using (var last = await DaemonProcess.StartAsync(_dataDirectory))
        {
            using var http = last.CreateClient();
            await AssertNothingLostAsync(http, acknowledged, blocksSeen);
        }

        Assert.True(acknowledged.Count > 0 && blocksSeen.Count > 0, "the load wrote no lock request or no block command: nothing was tested");
        AssertStoreConsistent(Path.Combine(_dataDirectory, "imeiguard.db"));
    }

    /// <summary>
    /// Every request answered 202 is still known and ends SUCCESS or FAILED (unfinished ones are re-queued at start);
    /// a SIM with a successful ENABLE is enforced (nothing here DISABLEs); every block command seen is still there.
    /// </summary>
    private static async Task AssertNothingLostAsync(HttpClient http, List<Acknowledged> acknowledged, HashSet<string> blocksSeen)
    {
        foreach (var request in acknowledged)
        {
            var status = await WaitForOutcomeAsync(http, request.RequestId);
            Assert.True(status is "SUCCESS" or "FAILED", $"request {request.RequestId} ({request.Action} {request.Imsi}) ended {status}");
            if (status == "SUCCESS" && request.Action == "ENABLE")
            {
                var binding = await ControlPlaneClient.GetBindingAsync(http, "imsi", request.Imsi);
                Assert.NotEqual("DISABLED", binding.GetProperty("lockState").GetString());
            }
        }

        var present = await BlockKeysAsync(http);
        Assert.True(blocksSeen.IsSubsetOf(present), "block commands lost: " + string.Join(", ", blocksSeen.Except(present)));
    }

    private static async Task<string> WaitForOutcomeAsync(HttpClient http, string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await http.GetAsync($"/api/v2/requests/{requestId}");
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = body.GetProperty("content")[0].GetProperty("status").GetString()!;
            if (status != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>ENABLE and RESET at random until the daemon dies; records each request it acknowledged with 202.</summary>
    private static async Task WriteLocksAsync(HttpClient http, string[] sims, Random random, List<Acknowledged> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var imsi = sims[random.Next(sims.Length)];
            var action = random.Next(3) == 0 ? "RESET" : "ENABLE";
            try
            {
                using var response = await http.PostAsJsonAsync($"/api/v2/subscriber/imsi/{imsi}/device-sim-lock", new { action }, stop);
                if ((int)response.StatusCode == 202)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    lock (acknowledged)
                    {
                        acknowledged.Add(new Acknowledged(body.GetProperty("content")[0].GetProperty("requestId").GetString()!, imsi, action));
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
            {
                return; // the daemon was killed mid-request: that request was never acknowledged
            }

            await Task.Delay(random.Next(5, 30), CancellationToken.None);
        }
    }

    /// <summary>Records of the SIMs in two devices, so paired SIMs keep violating and writing block commands.</summary>
    private static async Task SendRecordsAsync(DaemonProcess daemon, string[] sims, Random random, CancellationToken stop)
    {
        var target = daemon.RadiusEndPoint;
        var batch = new byte[16][];
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var device = random.Next(2) == 0 ? ViolationScenario.DeviceA : ViolationScenario.DeviceB;
                batch[i] = ForgedRequests.Interim(sims[random.Next(sims.Length)], device, Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), (byte)random.Next(256));
            }

            await ForgedRequests.SendFromAsync("127.0.0.1", target, batch);
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>The idempotency keys of every block command in the outbox; none when the daemon was just killed.</summary>
    private static async Task<HashSet<string>> BlockKeysAsync(HttpClient http)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync("/api/v2/enforcement/commands?status=all&size=500");
        }
        catch (HttpRequestException)
        {
            return keys;
        }

        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"listing commands: HTTP {(int)response.StatusCode}");
            var listed = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(listed.GetProperty("pageable").GetProperty("totalElements").GetInt64() <= 500, "more commands than one page");
            foreach (var command in listed.GetProperty("content").EnumerateArray())
            {
                if (command.GetProperty("kind").GetString() == "block")
                {
                    keys.Add(command.GetProperty("idempotencyKey").GetString()!);
                }
            }
        }

        return keys;
    }

    /// <summary>SQLite's own check, and every VIOLATED binding of a blocking episode has that episode's block command.</summary>
    private static void AssertStoreConsistent(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", integrity.ExecuteScalar());

        using var orphans = connection.CreateCommand();
        orphans.CommandText = """
            SELECT COUNT(*) FROM bindings b
            WHERE b.state = 3 AND b.alert_only = 0
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.imsi = b.imsi AND o.kind = 'block' AND o.idempotency_key LIKE '%:' || b.episode)
            """;
        Assert.Equal(0L, orphans.ExecuteScalar());
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private sealed record Acknowledged(string RequestId, string Imsi, string Action);
}
