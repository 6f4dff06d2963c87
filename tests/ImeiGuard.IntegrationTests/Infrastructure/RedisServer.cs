using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A real redis-server on 127.0.0.1, started by the test on a free port in its own temporary directory, without
/// persistence unless asked. Stopped (SIGTERM or SIGKILL) and restarted on the same port by its own PID only.
/// A missing redis-server skips the test on a laptop and fails it under CI (<see cref="RequiredTool"/>).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string[] _extraArgs;
    private Process? _process;

    private RedisServer(string binary, int port, string directory, string[] extraArgs)
    {
        _binary = binary;
        Port = port;
        Directory = directory;
        _extraArgs = extraArgs;
    }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public int Pid => _process?.Id ?? 0;

    public static async Task<RedisServer> StartAsync(params string[] extraArgs)
    {
        var binary = RequiredTool.Find("redis-server", "redis-server");
        var directory = System.IO.Directory.CreateTempSubdirectory("imeiguard-redis-").FullName;
        var server = new RedisServer(binary, LoopbackPorts.FreeTcp(), directory, extraArgs);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// Starts the server (again) on its port and waits until it answers PING (10 s at most), or, with
    /// <paramref name="waitUntilLoaded"/> false, only until it answers at all: a server still reading its data
    /// set back answers LOADING.
    /// </summary>
    public async Task StartAgainAsync(bool waitUntilLoaded = true)
    {
        var info = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", Directory, "--save", "", "--appendonly", "no", "--protected-mode", "no", .. _extraArgs])
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await PingAsync(Port, waitUntilLoaded ? "+PONG" : "-LOADING"))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops this server's process with the signal ("TERM" or "KILL") and waits for it (10 s at most).</summary>
    public async Task StopAsync(string signal = "KILL")
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>True when something on the port answers PING with <paramref name="expected"/> (or +PONG).</summary>
    public static async Task<bool> PingAsync(int port, string expected = "+PONG")
    {
        var reply = await AskPingAsync(port);
        return reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith(expected, StringComparison.Ordinal);
    }

    /// <summary>True while the server answers LOADING: up, but still reading its data set back.</summary>
    public async Task<bool> IsLoadingAsync() => (await AskPingAsync(Port)).StartsWith("-LOADING", StringComparison.Ordinal);

    /// <summary>The first line the port answers to PING, or "" when nothing answers.</summary>
    private static async Task<string> AskPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still being closed by the exiting server: the temp directory is left behind
        }
    }
}
