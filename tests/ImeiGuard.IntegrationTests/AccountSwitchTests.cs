using System.Text;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>The account-level switch through the real daemon: one call for all of a tenant's SIMs, asynchronous, with counts.</summary>
public sealed class AccountSwitchTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-account-").FullName;

    [Fact]
    public async Task OperatorSwitch_NamedTenant_ChangesOnlyItsSimsAndReportsCounts()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var op = daemon.CreateClient();
        const string Csv = "imsi,tenant\n262010000000001,acme\n262010000000002,acme\n262010000000003,acme\n262010000000004,globex\n";
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Post, "/api/v2/subscribers:import", content: new StringContent(Csv, Encoding.UTF8, "text/csv"))).Status);
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(op, "imsi", "262010000000001", "ENABLE")).GetProperty("status").GetString());

        var missingTenant = await ApiAnswer.SendAsync(op, HttpMethod.Post, "/api/v2/account/device-sim-lock", new { action = "ENABLE" });
        Assert.Equal((400, "SIMLOCK_1011"), (missingTenant.Status, missingTenant.ErrorCode));
        Assert.Equal("SIMLOCK_1003", (await ApiAnswer.SendAsync(op, HttpMethod.Post, "/api/v2/account/device-sim-lock", new { action = "LOCK", tenant = "acme" })).ErrorCode);

        var counts = await SwitchAsync(op, "ENABLE", "acme");
        Assert.Equal((3, 2, 1, 0), counts);
        Assert.Equal((3, 0, 3, 0), await SwitchAsync(op, "ENABLE", "acme"));

        var armed = await ApiAnswer.GetAsync(op, "/api/v2/bindings?state=ARMED&page=1&size=2");
        Assert.Equal(3, armed.TotalElements);
        Assert.Equal(2, armed.Body.GetProperty("pageable").GetProperty("totalPages").GetInt64());
        Assert.Equal("262010000000003", armed.First.GetProperty("imsi").GetString());
        Assert.Equal("DISABLED", (await ControlPlaneClient.GetBindingAsync(op, "imsi", "262010000000004")).GetProperty("lockState").GetString());
        Assert.Equal(400, (await ApiAnswer.GetAsync(op, "/api/v2/bindings?state=BROKEN")).Status);

        Assert.Equal((3, 3, 0, 0), await SwitchAsync(op, "DISABLE", "acme"));
        var audit = (await ApiAnswer.GetAsync(op, "/api/v2/audit?target=tenant:acme")).Content;
        Assert.Equal(["account.disable", "account.enable", "account.enable"], audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(3, audit[0].GetProperty("after").GetProperty("changed").GetInt32());
    }

    private static async Task<(int Total, int Changed, int Unchanged, int Failed)> SwitchAsync(HttpClient http, string action, string tenant)
    {
        var accepted = await ApiAnswer.SendAsync(http, HttpMethod.Post, "/api/v2/account/device-sim-lock", new { action, tenant });
        Assert.Equal(202, accepted.Status);
        var done = await ControlPlaneClient.WaitForRequestAsync(http, accepted.First.GetProperty("requestId").GetString()!);
        Assert.Equal(("SUCCESS", "tenant", tenant), (done.GetProperty("status").GetString(), done.GetProperty("subscriberType").GetString(), done.GetProperty("subscriberValue").GetString()));
        var c = done.GetProperty("counts");
        return (c.GetProperty("total").GetInt32(), c.GetProperty("changed").GetInt32(), c.GetProperty("unchanged").GetInt32(), c.GetProperty("failed").GetInt32());
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
