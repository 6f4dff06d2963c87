using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>Hostile JSON bodies over real HTTP: nesting beyond the bound, broken syntax and oversized bodies get precise, counted answers.</summary>
public sealed class JsonBodyLimitTests : IAsyncDisposable
{
    private const string LockPath = "/api/v2/subscriber/imsi/262017745956507/device-sim-lock";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-json-").FullName;

    [Fact]
    public async Task Bodies_TooDeepMalformedOrTooLarge_ClearAnswers_Counted()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, "--ImeiGuard:ControlPlane:MaxJsonDepth=8");
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var admin = daemon.AdminKey;

        // Eight levels (the object and seven arrays) are accepted; nine are not.
        Assert.Equal(202, (await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, Nested(7))).Status);
        var deep = await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, Nested(8));
        Assert.Equal(400, deep.Status);
        Assert.Equal("SIMLOCK_1016", deep.Code);
        Assert.Contains("deeper than 8", deep.Message, StringComparison.Ordinal);

        // Ten thousand levels, far past System.Text.Json's own 64: the same answer, no stack exhaustion.
        var abyss = await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, Nested(10_000));
        Assert.Equal("SIMLOCK_1016", abyss.Code);

        var broken = await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, "{\"action\":\n \"ENABLE\",,}");
        Assert.Equal(400, broken.Status);
        Assert.Equal("GLOBAL_1002", broken.Code);
        Assert.Contains("not valid JSON (line 2", broken.Message, StringComparison.Ordinal);

        var wrongShape = await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, "[1,2]");
        Assert.Equal("GLOBAL_1002", wrongShape.Code);
        Assert.Contains("{\"action\":\"ENABLE\"}", wrongShape.Message, StringComparison.Ordinal);

        var huge = await HttpAnswer.SendAsync(http, HttpMethod.Post, LockPath, admin, "{\"action\":\"" + new string('x', 1_100_000) + "\"}");
        Assert.Equal(413, huge.Status);
        Assert.Equal("GLOBAL_1002", huge.Code);

        // CAMARA bodies go through the same bound and answer in the CAMARA shape.
        var camara = await HttpAnswer.SendAsync(http, HttpMethod.Post, "/iot-sim-fraud-prevention/v0.1/query", admin, "{\"device\":" + Nested(20) + "}");
        Assert.Equal(400, camara.Status);
        Assert.Equal("INVALID_ARGUMENT", camara.Code);

        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(3, metrics.Value("imeiguard_control_plane_refused_total{reason=\"json_too_deep\"}"));
        Assert.Equal(2, metrics.Value("imeiguard_control_plane_refused_total{reason=\"json_malformed\"}"));
        Assert.Equal(1, metrics.Value("imeiguard_control_plane_refused_total{reason=\"body_rejected\"}"));
    }

    /// <summary>An ENABLE body whose extra member holds <paramref name="arrays"/> nested arrays (the object is one more level).</summary>
    private static string Nested(int arrays) => "{\"action\":\"ENABLE\",\"x\":" + new string('[', arrays) + new string(']', arrays) + "}";

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
