using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>The admin subcommands of the executable, against a running daemon.</summary>
public sealed class AdminCliTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-cli-").FullName;

    [Fact]
    public async Task ImportSetShowStatus_AgainstRunningDaemon_DoWhatTheySay()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        var url = daemon.BaseAddress.ToString().TrimEnd('/');
        var csv = Path.Combine(_dataDirectory, "sims.csv");
        await File.WriteAllTextAsync(csv, "imsi,msisdn,iccid\n262017745956507,4917509238004,8949020000012345678\n12ab,,\n");

        var import = await CliAsync("import", csv, "--url", url, "--key", daemon.AdminKey);
        Assert.Equal(1, import.ExitCode); // one bad row is reported, the good one registered
        Assert.Contains("1 registered, 1 failed", import.Output, StringComparison.Ordinal);
        Assert.Contains("row 3", import.Output, StringComparison.Ordinal);

        var set = await CliAsync("set", "iccid", "8949020000012345678", "ENABLE", "--url", url, "--key", daemon.AdminKey);
        Assert.True(set.ExitCode == 0, set.Output);
        Assert.Contains("\"status\":\"SUCCESS\"", set.Output, StringComparison.Ordinal);

        var show = await CliAsync("show", "msisdn", "4917509238004", "--url", url, "--key", daemon.AdminKey);
        Assert.Equal(0, show.ExitCode);
        using var binding = JsonDocument.Parse(show.Output);
        Assert.Equal("ARMED", binding.RootElement.GetProperty("content")[0].GetProperty("lockState").GetString());

        var status = await CliAsync("status", "--url", url);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("udp_listener ok", status.Output, StringComparison.Ordinal);

        var unauthenticated = await CliAsync("show", "imsi", "262017745956507", "--url", url, "--key", "wrong-key-wrong-key");
        Assert.Equal(1, unauthenticated.ExitCode);
        Assert.Contains("GLOBAL_1003", unauthenticated.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_GeneratesKeyAndSettingsEntry_BadArgumentsExitTwo()
    {
        var token = await CliAsync("token", "--name", "fleet-app", "--scopes", "simlock:read");
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("igk_", token.Output, StringComparison.Ordinal);
        Assert.Contains("\"Scopes\":[\"simlock:read\"]", token.Output, StringComparison.Ordinal);

        Assert.Equal(2, (await CliAsync("token", "--name", "x", "--scopes", "root")).ExitCode);
        Assert.Equal(2, (await CliAsync("set", "imsi")).ExitCode);
    }

    [Fact]
    public async Task Help_AndMissingImportFile_AnswerPlainlyWithoutStartingTheDaemon()
    {
        var help = await CliAsync("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("imeiguard replay FILE", help.Output, StringComparison.Ordinal);

        var importHelp = await CliAsync("import", "--help");
        Assert.Equal(0, importHelp.ExitCode);
        Assert.Contains("imeiguard import FILE.csv", importHelp.Output, StringComparison.Ordinal);

        var missing = await CliAsync("import", Path.Combine(_dataDirectory, "no-such.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such.csv", missing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", missing.Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> CliAsync(params string[] args) => ToolRun.RunAsync("dotnet", [RepoPaths.DaemonDll, .. args]);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
