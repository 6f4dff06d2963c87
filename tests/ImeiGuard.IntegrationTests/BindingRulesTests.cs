using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// Device rules through the real daemon: an explicit-IMEI rule set over the control plane, radclient
/// traffic from the wrong and then the right device, and the OSS receiving the block and the auto-resume.
/// </summary>
public sealed class BindingRulesTests : IAsyncDisposable
{
    private const string Imsi = "262017745956508";
    private const string DeviceA = "8644610320772414"; // IMEISV, TAC+SNR 86446103207724
    private const string DeviceB = "3534900661012848";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-it-").FullName;

    [Fact]
    public async Task Radclient_ExplicitImeiRuleWithAutoResume_BlocksOtherDeviceAndResumesOnReturn()
    {
        await using var oss = await FakeOss.StartAsync();
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, $"--ImeiGuard:Oss:Url={oss.Url}");
        using var http = daemon.CreateClient();

        using var rejected = await http.PutAsJsonAsync($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/rules", new { tacs = new[] { "123" } });
        Assert.Equal(400, (int)rejected.StatusCode);
        Assert.Equal("SIMLOCK_1007", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());

        using var put = await http.PutAsJsonAsync(
            $"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/rules",
            new { devices = new[] { "864461032077249" }, policy = new { autoResume = true, minEpisodeIntervalSeconds = 0 } });
        Assert.Equal(200, (int)put.StatusCode);
        var view = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("content")[0];
        Assert.Equal("864461032077249", view.GetProperty("rules").GetProperty("devices")[0].GetString());
        Assert.True(view.GetProperty("policy").GetProperty("autoResume").GetBoolean());
        Assert.Equal("block", view.GetProperty("policy").GetProperty("onMismatch").GetString());
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE")).GetProperty("status").GetString());

        // The wrong device while armed: with an explicit rule it is a violation, not a pairing.
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", Imsi, DeviceB, "S-1", 1724568390));
        var violated = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");
        Assert.Equal("353490066101284", violated.GetProperty("violatingImei").GetString());
        var block = Assert.Single(await oss.WaitForAsync(1));
        Assert.Equal($"block:{Imsi}:1", block.IdempotencyKey);

        // The allowed device returns: back to LOCKED and a resume follows the block.
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", Imsi, DeviceA, "S-2", 1724568450));
        var locked = await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
        Assert.Equal("864461032077249", locked.GetProperty("boundImei").GetString());
        var commands = await oss.WaitForAsync(2);
        Assert.Equal(["block", "resume"], commands.Select(c => c.KindHeader));
        Assert.Equal("auto_resume", commands[1].Body.GetProperty("reason").GetString());

        // The history shows every transition, newest first, in the paged envelope.
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/history?page=0&size=2");
        Assert.Equal(4, history.GetProperty("pageable").GetProperty("totalElements").GetInt64());
        Assert.Equal(["resumed", "violation"], history.GetProperty("content").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var devices = await http.GetFromJsonAsync<JsonElement>($"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/history/devices");
        Assert.Equal(["864461032077249", "353490066101284"], devices.GetProperty("content").EnumerateArray().Select(e => e.GetProperty("imei").GetString()));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
