using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// Tenant isolation through the real daemon: SIM A belongs to acme, SIM B to globex. globex tries A on every
/// endpoint and must get exactly the answer an unknown SIM gets; its listings hold only B. The operator sees both.
/// </summary>
public sealed class TenantIsolationTests : IAsyncDisposable
{
    private const string SimA = "262017745956507";
    private const string MsisdnA = "4917509238004";
    private const string IccidA = "8949020000012345678";
    private const string SimB = "262017745956508";
    private const string Unknown = "262019999999999";
    private const string UnknownMsisdn = "4917500000001";
    private const string DeviceA = "8644610320772414";
    private const string DeviceB = "3534900661012848";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-tenant-").FullName;

    [Fact]
    public async Task ForeignSim_OnEveryEndpoint_AnswersExactlyLikeAnUnknownSim()
    {
        await using var oss = await FakeOss.StartAsync();
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, $"--ImeiGuard:Oss:Url={oss.Url}");
        using var op = daemon.CreateClient();
        var key = TestTokens.LocalKey(_dataDirectory);
        var allScopes = "simlock:read simlock:write enforcement:read subscribers:read subscribers:write account:write audit:read";
        using var acme = daemon.CreateClient(TestTokens.Create(key, allScopes, tenant: "acme"));
        using var globex = daemon.CreateClient(TestTokens.Create(key, allScopes, tenant: "globex"));

        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{SimA}", new { msisdn = MsisdnA, iccid = IccidA, tenant = "acme" })).Status);
        Assert.Equal(200, (await ApiAnswer.SendAsync(globex, HttpMethod.Put, $"/api/v2/subscriber/imsi/{SimB}", new { labels = new[] { "fleet" } })).Status);
        var acmeRequest = await ControlPlaneClient.ApplyAsync(acme, "imsi", SimA, "ENABLE");
        Assert.Equal("SUCCESS", acmeRequest.GetProperty("status").GetString());
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(globex, "imsi", SimB, "ENABLE")).GetProperty("status").GetString());

        // A pairs with device A, then meets device B: a violation, a block command and history for acme's SIM.
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", SimA, DeviceA, "S-1", 1724568390, MsisdnA));
        await ControlPlaneClient.WaitForStateAsync(op, SimA, "LOCKED");
        await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", SimA, DeviceB, "S-2", 1724568450, MsisdnA));
        await ControlPlaneClient.WaitForStateAsync(op, SimA, "VIOLATED");
        Assert.Single(await oss.WaitForAsync(1));
        var commands = await ApiAnswer.GetAsync(op, "/api/v2/enforcement/commands");
        var blockSequence = commands.First.GetProperty("sequence").GetInt64();

        // Every per-SIM endpoint: foreign SIM == unknown SIM, byte for byte.
        (string Foreign, string Unknown)[] identifiers =
        [
            ($"imsi/{SimA}", $"imsi/{Unknown}"),
            ($"msisdn/{MsisdnA}", $"msisdn/{UnknownMsisdn}"),
            ($"iccid/{IccidA}", "iccid/8949020000099999999"),
        ];
        foreach (var (foreign, unknown) in identifiers)
        {
            await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/subscriber/{foreign}/device-sim-lock", $"/api/v2/subscriber/{unknown}/device-sim-lock");
            await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/subscriber/{foreign}/device-sim-lock/history", $"/api/v2/subscriber/{unknown}/device-sim-lock/history");
            await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/subscriber/{foreign}/device-sim-lock/history/devices", $"/api/v2/subscriber/{unknown}/device-sim-lock/history/devices");
            await AssertSameAsync(globex, HttpMethod.Put, $"/api/v2/subscriber/{foreign}/device-sim-lock/rules", $"/api/v2/subscriber/{unknown}/device-sim-lock/rules", new { tacs = new[] { "35349006" } });
            Assert.Equal(404, (await ApiAnswer.GetAsync(globex, $"/api/v2/subscriber/{foreign}/device-sim-lock")).Status);
        }

        await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/subscriber/imsi/{SimA}", $"/api/v2/subscriber/imsi/{Unknown}");

        // An action on the foreign SIM is accepted like any and fails like an unknown SIM's; nothing changes.
        var foreignAction = await ControlPlaneClient.ApplyAsync(globex, "imsi", SimA, "DISABLE");
        var unknownAction = await ControlPlaneClient.ApplyAsync(globex, "imsi", Unknown, "DISABLE");
        foreach (var field in (string[])["status", "errorCode", "errorMessage", "imsi"])
        {
            Assert.Equal(unknownAction.GetProperty(field).ToString(), foreignAction.GetProperty(field).ToString());
        }

        Assert.Equal("FAILED", foreignAction.GetProperty("status").GetString());
        Assert.Equal("VIOLATED", (await ControlPlaneClient.GetBindingAsync(op, "imsi", SimA)).GetProperty("lockState").GetString());

        // acme's request is unknown to globex; the command's history is that of a command that does not exist.
        await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/requests/{acmeRequest.GetProperty("requestId").GetString()}", $"/api/v2/requests/{Guid.NewGuid()}");
        await AssertSameAsync(globex, HttpMethod.Get, $"/api/v2/enforcement/commands/{blockSequence}/history", "/api/v2/enforcement/commands/999999/history");
        Assert.True((await ApiAnswer.GetAsync(acme, $"/api/v2/enforcement/commands/{blockSequence}/history")).TotalElements > 0);

        // Taking the foreign SIM over is refused with the unknown-SIM answer.
        var takeover = await ApiAnswer.SendAsync(globex, HttpMethod.Put, $"/api/v2/subscriber/imsi/{SimA}", new { msisdn = "4917500000002" });
        Assert.Equal((404, "SIMLOCK_1004"), (takeover.Status, takeover.ErrorCode));

        // Listings hold only the caller's SIMs; the operator's hold both.
        Assert.Equal(0, (await ApiAnswer.GetAsync(globex, "/api/v2/enforcement/commands")).TotalElements);
        Assert.Equal(1, (await ApiAnswer.GetAsync(acme, "/api/v2/enforcement/commands")).TotalElements);
        Assert.Equal([SimB], Imsis(await ApiAnswer.GetAsync(globex, "/api/v2/subscribers")));
        Assert.Equal([SimB], Imsis(await ApiAnswer.GetAsync(globex, "/api/v2/bindings")));
        Assert.Equal([SimA], Imsis(await ApiAnswer.GetAsync(acme, "/api/v2/bindings?state=VIOLATED")));
        Assert.Equal(2, (await ApiAnswer.GetAsync(op, "/api/v2/subscribers")).TotalElements);
        Assert.Equal(0, (await ApiAnswer.GetAsync(globex, "/api/v2/violations")).TotalElements);
        Assert.Equal([SimA], Imsis(await ApiAnswer.GetAsync(acme, "/api/v2/violations")));
        Assert.DoesNotContain(SimA, Imsis(await ApiAnswer.GetAsync(globex, "/api/v2/history?size=100")));
        Assert.All((await ApiAnswer.GetAsync(globex, "/api/v2/audit?size=100&tenant=acme")).Content.EnumerateArray(), e => Assert.Equal("globex", e.GetProperty("tenant").GetString()));

        // A 3-legged token of acme for device A's number sees SIM A only, and nothing that spans SIMs.
        const string SimC = "262017745956510";
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{SimC}", new { tenant = "acme" })).Status);
        using var device = daemon.CreateClient(TestTokens.Create(key, allScopes, tenant: "acme", device: $"tel:+{MsisdnA}"));
        Assert.Equal(200, (await ApiAnswer.GetAsync(device, $"/api/v2/subscriber/imsi/{SimA}/device-sim-lock")).Status);
        await AssertSameAsync(device, HttpMethod.Get, $"/api/v2/subscriber/imsi/{SimC}/device-sim-lock", $"/api/v2/subscriber/imsi/{Unknown}/device-sim-lock");
        Assert.Equal(200, (await ApiAnswer.GetAsync(device, $"/api/v2/requests/{acmeRequest.GetProperty("requestId").GetString()}")).Status);
        foreach (var path in (string[])["/api/v2/bindings", "/api/v2/violations", "/api/v2/history", "/api/v2/subscribers", "/api/v2/audit", "/api/v2/enforcement/commands"])
        {
            var refused = await ApiAnswer.GetAsync(device, path);
            Assert.Equal((403, "GLOBAL_1004"), (refused.Status, refused.ErrorCode));
        }

        // The account switch of globex touches B only.
        var account = await ApiAnswer.SendAsync(globex, HttpMethod.Post, "/api/v2/account/device-sim-lock", new { action = "DISABLE" });
        Assert.Equal(202, account.Status);
        var done = await ControlPlaneClient.WaitForRequestAsync(globex, account.First.GetProperty("requestId").GetString()!);
        Assert.Equal(1, done.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal("DISABLED", (await ControlPlaneClient.GetBindingAsync(op, "imsi", SimB)).GetProperty("lockState").GetString());
        Assert.Equal("VIOLATED", (await ControlPlaneClient.GetBindingAsync(op, "imsi", SimA)).GetProperty("lockState").GetString());
        Assert.Equal(403, (await ApiAnswer.SendAsync(globex, HttpMethod.Post, "/api/v2/account/device-sim-lock", new { action = "DISABLE", tenant = "acme" })).Status);
    }

    private static string[] Imsis(ApiAnswer answer) => [.. answer.Content.EnumerateArray().Select(e => e.GetProperty("imsi").GetString()!).Distinct()];

    private static async Task AssertSameAsync(HttpClient http, HttpMethod method, string foreignPath, string unknownPath, object? body = null)
    {
        var foreign = await ApiAnswer.SendAsync(http, method, foreignPath, body);
        var unknown = await ApiAnswer.SendAsync(http, method, unknownPath, body);
        Assert.Equal(unknown.Shape, foreign.Shape);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
