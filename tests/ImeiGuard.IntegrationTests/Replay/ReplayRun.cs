using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ImeiGuard.Daemon.Replay;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>The outcome of one <c>imeiguard replay</c> run.</summary>
internal sealed record ReplayRun(int ExitCode, string Output, string Error)
{
    /// <summary>The corpus file radius/<paramref name="name"/>; a missing corpus fails the test.</summary>
    public static string CorpusFile(string name) => Path.Combine(RepoPaths.Corpus, "radius", name);

    /// <summary>The output's JSON lines (with <c>--json</c>).</summary>
    public IReadOnlyList<JsonElement> Records =>
        [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>Runs the command in-process, as Program.cs dispatches it.</summary>
    public static async Task<ReplayRun> InProcessAsync(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exitCode = await ReplayCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new ReplayRun(exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>Runs the built daemon executable as a child process: <c>dotnet imeiguard.dll replay …</c>.</summary>
    public static async Task<ReplayRun> ChildProcessAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.DaemonDll);
        info.ArgumentList.Add("replay");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ReplayRun(process.ExitCode, await output, await error);
    }
}
