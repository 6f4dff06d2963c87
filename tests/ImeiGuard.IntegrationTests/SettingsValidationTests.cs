using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>An invalid setting stops the start with exit code 1 and one line naming it, never a stack trace.</summary>
public sealed class SettingsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("imeiguard-settings-").FullName;

    [Theory]
    [InlineData("--ImeiGuard:LastSeenResolution=00:10:00", "ImeiGuard:LastSeenResolution >= 0 and below ImeiGuard:Policy:CloneWindow")]
    [InlineData("--ImeiGuard:LastSeenResolution=-00:00:01", "ImeiGuard:LastSeenResolution >= 0 and below ImeiGuard:Policy:CloneWindow")]
    [InlineData("--ImeiGuard:Radius:Workers=0", "ImeiGuard:Radius: Port 0..65535, QueueCapacity > 0, Workers > 0")]
    [InlineData("--ImeiGuard:Policy:CloneWindow=00:00:00", "ImeiGuard:Policy: OnMismatch Block|Alert|DryRun")]
    public async Task InvalidSetting_FailsStartWithOneClearLine(string setting, string message)
    {
        var (exitCode, output) = await DaemonStart.RunUntilExitAsync(_directory, setting);

        Assert.True(exitCode == 1, $"exit {exitCode}: {output}");
        Assert.Contains("imeiguard: cannot start: " + message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
