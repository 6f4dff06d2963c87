using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>
/// Brute-force lockout over real HTTP: rejected tokens from one address lock it out of every authenticated route
/// (subscriber API and CAMARA) for a while, without its credential being evaluated; anonymous routes stay open.
/// </summary>
public sealed class BruteForceLockoutTests : IAsyncDisposable
{
    private const string BindingPath = "/api/v2/subscriber/imsi/262017745956507/device-sim-lock";
    private const string CamaraQuery = "/iot-sim-fraud-prevention/v0.1/query";
    private const string ApiKeyRejected = "imeiguard_control_plane_auth_rejected_total{scheme=\"api_key\"}";
    private const string JwtRejected = "imeiguard_control_plane_auth_rejected_total{scheme=\"jwt\"}";
    private const string LockedOut = "imeiguard_control_plane_refused_total{reason=\"locked_out\"}";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-lockout-").FullName;

    [Fact]
    public async Task RejectedTokens_LockAddressOut_UntilDurationEnds()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory,
            "--ImeiGuard:ControlPlane:Lockout:MaxFailures=4", "--ImeiGuard:ControlPlane:Lockout:Window=00:05:00",
            "--ImeiGuard:ControlPlane:Lockout:Duration=00:00:04");
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var admin = daemon.AdminKey;

        // A client that forgot its token is not guessing: many 401s without an Authorization header lock nothing.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(401, (await HttpAnswer.GetAsync(http, BindingPath, bearer: null)).Status);
        }

        // Three API-key guesses and one forged JWT, the admin served in between (failures so far: 3).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("GLOBAL_1003", (await HttpAnswer.GetAsync(http, BindingPath, $"guessed-key-{i}-0123456789")).Code);
        }

        Assert.Equal(200, (await HttpAnswer.GetAsync(http, BindingPath, admin)).Status);
        Assert.Equal(401, (await HttpAnswer.GetAsync(http, BindingPath, TestTokens.Create(TestTokens.ForeignKey(), "simlock:read"))).Status);

        // Locked: even the valid admin key is refused, with Retry-After within the lockout's duration.
        var refused = await HttpAnswer.GetAsync(http, BindingPath, admin);
        Assert.Equal(429, refused.Status);
        Assert.Equal("SIMLOCK_1014", refused.Code);
        Assert.Equal(0, refused.Body.GetProperty("content").GetArrayLength());
        Assert.InRange(refused.RetryAfterSeconds ?? 0, 1, 4);

        // Another guess during the lockout is answered 429 without being evaluated: the rejection counter stays.
        Assert.Equal(429, (await HttpAnswer.GetAsync(http, BindingPath, "guessed-key-during-lockout-0123")).Status);
        var camara = await HttpAnswer.SendAsync(http, HttpMethod.Post, CamaraQuery, admin, "{}");
        Assert.Equal(429, camara.Status);
        Assert.Equal("TOO_MANY_REQUESTS", camara.Code);
        Assert.NotNull(camara.RetryAfterSeconds);

        // Probes and /metrics need no token and stay open to the locked-out address.
        Assert.Equal(200, (await HttpAnswer.GetAsync(http, "/healthz", admin)).Status);
        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(3, metrics.Value(ApiKeyRejected));
        Assert.Equal(1, metrics.Value(JwtRejected));
        Assert.Equal(3, metrics.Value(LockedOut));
        Assert.Equal(1, metrics.Value("imeiguard_control_plane_lockouts_total"));
        Assert.Equal(1, metrics.Value("imeiguard_control_plane_lockout_addresses"));

        // After the duration the admin is served again (polled, at most 20 s).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var status = 429;
        while (status == 429 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            status = (await HttpAnswer.GetAsync(http, BindingPath, admin)).Status;
        }

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task GarbageTruncatedAndWrongAlgorithmTokens_401Counted_AndFeedLockout()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory,
            "--ImeiGuard:ControlPlane:Lockout:MaxFailures=7", "--ImeiGuard:ControlPlane:Lockout:Duration=00:10:00");
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var valid = TestTokens.Create(TestTokens.LocalKey(_dataDirectory), "simlock:read");
        Assert.Equal(200, (await HttpAnswer.GetAsync(http, BindingPath, valid)).Status);

        string[] apiKeyShaped = ["garbage", valid[..valid.LastIndexOf('.')]]; // no dot; header.payload without signature
        string[] jwtShaped =
        [
            "a.b.c",
            "!!!.@@@.###",
            valid[..^8], // signature truncated
            TestTokens.HmacWithPublicKey(_dataDirectory, "simlock:read"), // HS256 keyed with the public key
            TestTokens.Unsigned("simlock:read"), // alg none
        ];
        foreach (var token in apiKeyShaped.Concat(jwtShaped))
        {
            var answer = await HttpAnswer.GetAsync(http, BindingPath, token);
            Assert.True(answer.Status == 401 && answer.Code == "GLOBAL_1003", $"{token}: {answer.Status} {answer.Code}");
        }

        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(apiKeyShaped.Length, metrics.Value(ApiKeyRejected));
        Assert.Equal(jwtShaped.Length, metrics.Value(JwtRejected));
        Assert.Equal(1, metrics.Value("imeiguard_control_plane_lockouts_total"));
        Assert.Equal("SIMLOCK_1014", (await HttpAnswer.GetAsync(http, BindingPath, valid)).Code);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
