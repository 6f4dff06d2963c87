using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// A tenant policy from configuration (ImeiGuard:Tenants:acme:Policy:OnMismatch=Alert) through the real daemon:
/// acme's SIM only alerts; moved to the operator by an inventory change, the same SIM blocks.
/// </summary>
public sealed class TenantPolicyTests : IAsyncDisposable
{
    private const string Sim = "262017745956509";
    private const string DeviceA = "8644610320772414";
    private const string DeviceB = "3534900661012848";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-tenant-policy-").FullName;

    [Fact]
    public async Task TenantAlertPolicy_AppliesToItsSims_AndFollowsTheInventory()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, "--ImeiGuard:Tenants:acme:Policy:OnMismatch=Alert");
        using var op = daemon.CreateClient();
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{Sim}", new { tenant = "acme" })).Status);
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(op, "imsi", Sim, "ENABLE")).GetProperty("status").GetString());
        Assert.Equal("alert", (await ControlPlaneClient.GetBindingAsync(op, "imsi", Sim)).GetProperty("policy").GetProperty("onMismatch").GetString());
        var tenantPolicy = (await ApiAnswer.GetAsync(op, "/api/v2/tenants/acme/policy")).First;
        Assert.Equal(("alert", "alert", "allow"), (
            tenantPolicy.GetProperty("override").GetProperty("onMismatch").GetString(),
            tenantPolicy.GetProperty("effective").GetProperty("onMismatch").GetString(),
            tenantPolicy.GetProperty("effective").GetProperty("onMissingImei").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ApiAnswer.GetAsync(op, "/api/v2/tenants/globex/policy")).First.GetProperty("override").ValueKind);

        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", Sim, DeviceA, "S-1", 1724568390));
        await ControlPlaneClient.WaitForStateAsync(op, Sim, "LOCKED");
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", Sim, DeviceB, "S-2", 1724568450));
        await ControlPlaneClient.WaitForStateAsync(op, Sim, "VIOLATED");
        Assert.Equal(0, (await ApiAnswer.GetAsync(op, "/api/v2/enforcement/commands")).TotalElements);
        Assert.Equal("violation_alert", (await ApiAnswer.GetAsync(op, "/api/v2/violations")).First.GetProperty("kind").GetString());

        // The operator takes the SIM back: the global Block policy applies from the next observation.
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{Sim}", new { })).Status);
        Assert.Equal("block", (await ControlPlaneClient.GetBindingAsync(op, "imsi", Sim)).GetProperty("policy").GetProperty("onMismatch").GetString());
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(op, "imsi", Sim, "RESET")).GetProperty("status").GetString());
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Interim-Update", Sim, DeviceA, "S-3", 1724568510));
        await ControlPlaneClient.WaitForStateAsync(op, Sim, "LOCKED");
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Interim-Update", Sim, DeviceB, "S-4", 1724568570));
        await ControlPlaneClient.WaitForStateAsync(op, Sim, "VIOLATED");
        var commands = await ApiAnswer.GetAsync(op, "/api/v2/enforcement/commands");
        Assert.Equal("block", commands.First.GetProperty("kind").GetString());
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
