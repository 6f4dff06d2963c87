using System.Diagnostics;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// Runs <c>replay</c> with tiered compilation off. Tiering suits the long-running daemon (quick start, then code
/// re-compiled with profile data), but a replay is one batch pass that ends before most of its hot code reaches
/// the optimized tier: measured on 1M generated packets, 289,000 packets/s with tiering and 634,000 without
/// (docs/performance.md). Runtime settings are fixed once the process has started, so the command starts itself
/// again with <c>DOTNET_TieredCompilation=0</c>; an explicit setting of that variable is left as it is.
/// </summary>
internal static class ReplayRuntime
{
    private const string TieringVariable = "DOTNET_TieredCompilation";

    public static bool ShouldRestart() =>
        Environment.GetEnvironmentVariable(TieringVariable) is null && Environment.ProcessPath is not null;

    public static async Task<int> RunWithoutTieringAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under "dotnet imeiguard.dll" the host is the process; the application's path comes first.
        if (!string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "imeiguard", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[TieringVariable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the replay process");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
