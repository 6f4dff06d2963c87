using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The walking skeleton end to end: the daemon process, radclient sending real Accounting-Requests over
/// loopback UDP, the control plane over HTTP, and a loopback OSS receiving the block and resume commands.
/// </summary>
public sealed class LockLifecycleTests : IAsyncDisposable
{
    private const string Imsi = "262017745956507";
    private const string DeviceA = "8644610320772414";        // IMEISV, TAC+SNR 86446103207724
    private const string DeviceAOtherSvn = "8644610320772499"; // same device, other software version
    private const string DeviceB = "3534900661012848";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-it-").FullName;

    [Fact]
    public async Task Radclient_EnableViolateResetDisable_EnforcesLockAndNotifiesOss()
    {
        await using var oss = await FakeOss.StartAsync();
        var daemon = await DaemonProcess.StartAsync(_dataDirectory, $"--ImeiGuard:Oss:Url={oss.Url}");
        try
        {
            using var http = daemon.CreateClient();

            var enabled = await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
            Assert.Equal("SUCCESS", enabled.GetProperty("status").GetString());
            Assert.Equal("ARMED", (await ControlPlaneClient.GetBindingAsync(http, "imsi", Imsi)).GetProperty("lockState").GetString());

            // First device seen: paired.
            await SendAsync(daemon, Radclient.Accounting("Start", Imsi, DeviceA, "S-1", 1724568390));
            var locked = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
            Assert.Equal("LOCKED", locked.GetProperty("lockState").GetString());
            Assert.Equal("864461032077249", locked.GetProperty("boundImei").GetString()); // 14 digits + Luhn
            var firstSeen = locked.GetProperty("firstSeen");
            Assert.Equal("192.0.2.25", firstSeen.GetProperty("nasIp").GetString());
            Assert.Equal("262-01", firstSeen.GetProperty("location").GetProperty("plmn").GetString());
            Assert.Equal(41904u, firstSeen.GetProperty("location").GetProperty("tac").GetUInt32());

            // The same device with another software version is no violation.
            await SendAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, DeviceAOtherSvn, "S-1", 1724568450));
            Assert.Equal("LOCKED", (await ControlPlaneClient.GetBindingAsync(http, "imsi", Imsi)).GetProperty("lockState").GetString());

            // Another device: a violation, and exactly one block command however often it is seen.
            await SendAsync(daemon, Radclient.Accounting("Start", Imsi, DeviceB, "S-2", 1724568500));
            await SendAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, DeviceB, "S-2", 1724568560));
            var violated = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");
            Assert.Equal("353490066101284", violated.GetProperty("violatingImei").GetString());
            AssertFirstSeen(violated, "864461032077249", 1724568390); // the pairing's, kept by the violation
            var blocks = await oss.WaitForAsync(1);
            var block = Assert.Single(blocks);
            Assert.Equal("block", block.KindHeader);
            Assert.Equal($"block:{Imsi}:1", block.IdempotencyKey);
            Assert.Equal(block.IdempotencyKey, block.Body.GetProperty("idempotencyKey").GetString());
            Assert.Equal(Imsi, block.Body.GetProperty("subscriber").GetProperty("imsi").GetString());
            Assert.Equal("4917509238004", block.Body.GetProperty("subscriber").GetProperty("msisdn").GetString());
            Assert.Equal("864461032077249", block.Body.GetProperty("device").GetProperty("boundImei").GetString());
            Assert.Equal("353490066101284", block.Body.GetProperty("device").GetProperty("observedImei").GetString());
            Assert.Equal("S-2", block.Body.GetProperty("evidence").GetProperty("sessionId").GetString());
            Assert.Equal("pgw-a-01", block.Body.GetProperty("evidence").GetProperty("nasIdentifier").GetString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1724568500), block.Body.GetProperty("evidence").GetProperty("observedAt").GetDateTimeOffset());

            // RESET: the block is followed by a resume, and the next device seen is paired.
            Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "RESET")).GetProperty("status").GetString());
            var commands = await oss.WaitForAsync(2);
            Assert.Equal(["block", "resume"], commands.Select(c => c.KindHeader));
            Assert.Equal($"resume:{Imsi}:1", commands[1].IdempotencyKey);
            await SendAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, DeviceB, "S-2", 1724568620));
            var repaired = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
            Assert.Equal("353490066101284", repaired.GetProperty("boundImei").GetString());
            AssertFirstSeen(repaired, "353490066101284", 1724568620);

            // The binding survives a restart of the daemon.
            await daemon.StopAsync();
            await daemon.DisposeAsync();
            daemon = await DaemonProcess.StartAsync(_dataDirectory, $"--ImeiGuard:Oss:Url={oss.Url}");
            using var http2 = daemon.CreateClient();
            var afterRestart = await ControlPlaneClient.GetBindingAsync(http2, "imsi", Imsi);
            Assert.Equal("LOCKED", afterRestart.GetProperty("lockState").GetString());
            Assert.Equal("353490066101284", afterRestart.GetProperty("boundImei").GetString());
            AssertFirstSeen(afterRestart, "353490066101284", 1724568620); // read from the store: the table does not keep it

            // DISABLE: no enforcement, so another device causes no command. Addressed by MSISDN learned from traffic.
            await SendAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, DeviceB, "S-2", 1724568680));
            Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http2, "msisdn", "4917509238004", "DISABLE")).GetProperty("status").GetString());
            await SendAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, DeviceA, "S-3", 1724568740));
            await Task.Delay(500);
            var disabled = await ControlPlaneClient.GetBindingAsync(http2, "imsi", Imsi);
            Assert.Equal("DISABLED", disabled.GetProperty("lockState").GetString());
            AssertFirstSeen(disabled, "353490066101284", 1724568620);
            Assert.Equal(2, oss.Received.Count);

            // The outbox lists both commands as delivered.
            var listed = await http2.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=delivered");
            Assert.Equal(2, listed.GetProperty("pageable").GetProperty("totalElements").GetInt64());
            Assert.Equal("resume", listed.GetProperty("content")[0].GetProperty("kind").GetString());
        }
        finally
        {
            await daemon.DisposeAsync();
        }
    }

    [Fact]
    public async Task NoOssConfigured_ViolationIsRecordedAndListed()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = daemon.CreateClient();
        await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE");
        await SendAsync(daemon, Radclient.Accounting("Start", Imsi, DeviceA, "S-1", 1724568390), Radclient.Accounting("Interim-Update", Imsi, DeviceB, "S-1", 1724568450));
        await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");

        var listed = await http.GetFromJsonAsync<JsonElement>("/api/v2/enforcement/commands?status=pending");
        var command = Assert.Single(listed.GetProperty("content").EnumerateArray());
        Assert.Equal("PENDING", command.GetProperty("status").GetString());
        Assert.Equal($"block:{Imsi}:1", command.GetProperty("command").GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task ControlPlane_WithoutKeyOrWithBadInput_AnswersWithEnvelopeErrors()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var anonymous = new HttpClient { BaseAddress = daemon.BaseAddress };
        using var unauthenticated = await anonymous.PostAsJsonAsync($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock", new { action = "ENABLE" });
        Assert.Equal(401, (int)unauthenticated.StatusCode);
        Assert.Equal("GLOBAL_1003", (await unauthenticated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());

        using var http = daemon.CreateClient();
        await AssertErrorAsync(http, "/api/v2/subscriber/eid/123/device-sim-lock", new { action = "ENABLE" }, 400, "SIMLOCK_1001");
        await AssertErrorAsync(http, "/api/v2/subscriber/imsi/12ab/device-sim-lock", new { action = "ENABLE" }, 400, "SIMLOCK_1002");
        await AssertErrorAsync(http, $"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock", new { action = "LOCK" }, 400, "SIMLOCK_1003");

        var unknown = await ControlPlaneClient.ApplyAsync(http, "msisdn", "491700000000", "ENABLE");
        Assert.Equal("FAILED", unknown.GetProperty("status").GetString());
        Assert.Equal("SIMLOCK_1004", unknown.GetProperty("errorCode").GetString());

        Assert.Equal(200, (int)(await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(200, (int)(await anonymous.GetAsync("/readyz")).StatusCode);
    }

    private static void AssertFirstSeen(JsonElement binding, string imei, long atSeconds)
    {
        var firstSeen = binding.GetProperty("firstSeen");
        Assert.Equal(imei, firstSeen.GetProperty("imei").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(atSeconds), firstSeen.GetProperty("at").GetDateTimeOffset());
    }

    private static async Task AssertErrorAsync(HttpClient http, string path, object body, int status, string code)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.Equal(status, (int)response.StatusCode);
        var envelope = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, envelope.GetProperty("errorCode").GetString());
        Assert.Equal(0, envelope.GetProperty("content").GetArrayLength());
    }

    private static Task SendAsync(DaemonProcess daemon, params string[] packets) => Radclient.SendOrFailAsync(daemon, packets);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
