using System.Diagnostics;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>A daemon start expected to fail: runs it on loopback ports until it exits and returns its exit code and output.</summary>
internal static class DaemonStart
{
    /// <summary>Waits 60 s at most; a daemon that did start after all is killed (this PID only) and reported as exit code -1.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[RepoPaths.DaemonDll, "--Urls=http://127.0.0.1:0", "--ImeiGuard:Radius:Port=0",
            "--ImeiGuard:Radius:BindAddress=127.0.0.1", $"--ImeiGuard:DataDirectory={dataDirectory}", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            return (-1, await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
