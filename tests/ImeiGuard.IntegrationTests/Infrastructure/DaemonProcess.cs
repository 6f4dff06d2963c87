using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// The real daemon as a child process on loopback: UDP and HTTP on ports the OS picks (port 0), read back
/// from its log. Stopped by its own PID only. The data directory outlives a restart.
/// </summary>
internal sealed partial class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _udpPort;
    private int _httpPort;
    private string _httpScheme = "http";
    private int _chfUdpPort;
    private int _chfTcpPort;

    private DaemonProcess(string dataDirectory, IEnumerable<string> extraArgs, IReadOnlyDictionary<string, string>? environment = null)
    {
        DataDirectory = dataDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        // The corpus and the test packets carry 2024 Event-Timestamps, so the replay window is off here;
        // tests of the window pass their own --ImeiGuard:Radius:MaxEventAge (later arguments win).
        foreach (var arg in (string[])[RepoPaths.DaemonDll, "--Urls=http://127.0.0.1:0", "--ImeiGuard:Radius:Port=0",
            "--ImeiGuard:Radius:BindAddress=127.0.0.1", "--ImeiGuard:Chf:BindAddress=127.0.0.1", $"--ImeiGuard:DataDirectory={dataDirectory}",
            "--ImeiGuard:SightingFlushInterval=00:00:00.500", "--ImeiGuard:Oss:PollInterval=00:00:00.100",
            "--ImeiGuard:Oss:InitialBackoff=00:00:00.200", "--ImeiGuard:Radius:MaxEventAge=00:00:00", "--Logging:Console:FormatterName=simple"])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public string DataDirectory { get; }

    public IPEndPoint RadiusEndPoint => new(IPAddress.Loopback, _udpPort);

    /// <summary>http://, or https:// when the daemon serves TLS (ImeiGuard:ControlPlane:Tls).</summary>
    public Uri BaseAddress => new($"{_httpScheme}://127.0.0.1:{_httpPort}");

    /// <summary>CHF listeners, when the daemon was started with --ImeiGuard:Chf:UdpPort / TcpPort set.</summary>
    public IPEndPoint ChfUdpEndPoint => new(IPAddress.Loopback, _chfUdpPort);

    public IPEndPoint ChfTcpEndPoint => new(IPAddress.Loopback, _chfTcpPort);

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string AdminKey => File.ReadAllText(Path.Combine(DataDirectory, "admin.key")).Trim();

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static Task<DaemonProcess> StartAsync(string dataDirectory, params string[] extraArgs) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), extraArgs);

    /// <summary>Starts the daemon with <paramref name="environment"/> added to its environment (settings as variables, the secrets directory).</summary>
    public static async Task<DaemonProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var daemon = new DaemonProcess(dataDirectory, extraArgs, environment);
        daemon._process.Start();
        daemon._process.BeginOutputReadLine();
        daemon._process.BeginErrorReadLine();
        var timeout = Task.Delay(TimeSpan.FromSeconds(30));
        if (await Task.WhenAny(daemon._ready.Task, timeout) == timeout)
        {
            await daemon.DisposeAsync();
            throw new TimeoutException("Daemon did not start within 30 s:\n" + daemon.Log);
        }

        return daemon;
    }

    /// <summary>An HTTP client authenticated with the bootstrap admin key.</summary>
    public HttpClient CreateClient() => CreateClient(AdminKey);

    /// <summary>An HTTP client that sends <paramref name="bearer"/> (an API key or a JWT).</summary>
    public HttpClient CreateClient(string bearer)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException("Daemon exited:\n" + Log));
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (UdpLine().Match(line) is { Success: true } udp)
        {
            _udpPort = int.Parse(udp.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (ChfLine().Match(line) is { Success: true } chf)
        {
            var port = int.Parse(chf.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (chf.Groups[1].Value == "udp")
            {
                _chfUdpPort = port;
            }
            else
            {
                _chfTcpPort = port;
            }
        }

        if (HttpLine().Match(line) is { Success: true } http)
        {
            _httpScheme = http.Groups[1].Value;
            _httpPort = int.Parse(http.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (_udpPort != 0 && _httpPort != 0)
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>Ends the process the way an orchestrator does (SIGTERM) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("-TERM");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Kills the process with SIGKILL, as a crash or the OOM killer would, and waits for it (10 s at most). Only this PID.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("-KILL");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Sends <paramref name="signal"/> to this process's PID, and to nothing else.</summary>
    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on udp/[^:]+:(\d+)")]
    private static partial Regex UdpLine();

    [GeneratedRegex(@"CHF records listening on (udp|tcp)/[^:]+:(\d+)")]
    private static partial Regex ChfLine();

    [GeneratedRegex(@"Now listening on: (https?)://127\.0\.0\.1:(\d+)")]
    private static partial Regex HttpLine();
}
