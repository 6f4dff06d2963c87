using System.Net.Http.Json;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// Drives SIMs through lock violations and admin RESETs over the real interfaces, producing for each SIM,
/// in this order: block:&lt;imsi&gt;:1, resume:&lt;imsi&gt;:1, block:&lt;imsi&gt;:2, resume:&lt;imsi&gt;:2 (two commands per episode).
/// Every violation is shown by two records, so dedupe is exercised too. Bounded: each step waits 10 s at most.
/// </summary>
internal static class ViolationScenario
{
    public const string DeviceA = "8644610320772414";
    public const string DeviceB = "3534900661012848";

    /// <summary>IMSIs for <paramref name="count"/> SIMs, unique per test via <paramref name="salt"/> (0..9).</summary>
    public static string[] Imsis(int count, int salt) =>
        [.. Enumerable.Range(0, count).Select(i => $"26201774595{salt}{i:D3}")];

    /// <summary>The keys the OSS must process for <paramref name="imsi"/>, in order.</summary>
    public static string[] ExpectedKeys(string imsi, int episodes) =>
        [.. Enumerable.Range(1, episodes).SelectMany(e => new[] { $"block:{imsi}:{e}", $"resume:{imsi}:{e}" })];

    /// <summary>Runs the scenario for every SIM in parallel.</summary>
    public static Task RunAsync(DaemonProcess daemon, HttpClient http, IEnumerable<string> imsis, int episodes = 2) =>
        Task.WhenAll(imsis.Select(imsi => RunOneAsync(daemon, http, imsi, episodes)));

    public static async Task RunOneAsync(DaemonProcess daemon, HttpClient http, string imsi, int episodes)
    {
        using var sender = new AccountingSender(daemon.RadiusEndPoint);
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", imsi, "ENABLE")).GetProperty("status").GetString());
        await sender.SendAsync(imsi, DeviceA, "S-0");
        await ExpectStateAsync(http, imsi, "LOCKED");
        for (var episode = 1; episode <= episodes; episode++)
        {
            var other = episode % 2 == 1 ? DeviceB : DeviceA;
            await sender.SendAsync(imsi, other, $"S-{episode}");
            await ExpectStateAsync(http, imsi, "VIOLATED");
            await sender.SendAsync(imsi, other, $"S-{episode}"); // the same violation again: no second block
            Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", imsi, "RESET")).GetProperty("status").GetString());
            if (episode < episodes)
            {
                await sender.SendAsync(imsi, other, $"S-{episode}");
                await ExpectStateAsync(http, imsi, "LOCKED");
            }
        }
    }

    /// <summary>Asserts that the OSS processed every expected key exactly once and, per SIM, in order.</summary>
    public static void AssertProcessedOnceInOrder(IReadOnlyList<ProcessedCommand> processed, IEnumerable<string> imsis, int episodes)
    {
        Assert.Equal(processed.Count, processed.Select(p => p.Key).Distinct().Count());
        foreach (var imsi in imsis)
        {
            Assert.Equal(ExpectedKeys(imsi, episodes), processed.Where(p => p.Imsi == imsi).Select(p => p.Key));
        }
    }

    /// <summary>Polls the outbox listing until <paramref name="count"/> commands are DELIVERED (15 s at most) and returns that count.</summary>
    public static async Task<long> WaitForDeliveredAsync(HttpClient http, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=delivered&size=1");
            var total = listed.GetProperty("pageable").GetProperty("totalElements").GetInt64();
            if (total >= count || DateTime.UtcNow > deadline)
            {
                return total;
            }

            await Task.Delay(100);
        }
    }

    private static async Task ExpectStateAsync(HttpClient http, string imsi, string state)
    {
        var binding = await ControlPlaneClient.WaitForStateAsync(http, imsi, state);
        Assert.Equal(state, binding.GetProperty("lockState").GetString());
    }
}
