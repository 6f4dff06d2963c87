using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>
/// Slow clients on raw sockets against the real Kestrel: a slowloris dribbling its headers and a client trickling
/// its body are disconnected within a bounded time, while a normal client keeps being served.
/// </summary>
public sealed class SlowClientTests : IAsyncDisposable
{
    /// <summary>Generous for a loaded 2-core machine; Kestrel checks its timeouts once a second.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-slow-").FullName;

    [Fact]
    public async Task SlowHeadersAndSlowBody_Disconnected_NormalClientServed()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory,
            "--ImeiGuard:ControlPlane:Limits:RequestHeadersTimeout=00:00:02",
            "--ImeiGuard:ControlPlane:Limits:MinRequestBodyDataRate=100",
            "--ImeiGuard:ControlPlane:Limits:MinRequestBodyDataRateGracePeriod=00:00:02");
        using var http = daemon.CreateClient();
        var port = daemon.BaseAddress.Port;

        var headers = Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('a', 400));
        var slowloris = TrickleUntilClosedAsync(port, [], headers);
        var bodyHeaders = Encoding.ASCII.GetBytes(
            "POST /api/v2/subscriber/imsi/262017745956507/device-sim-lock HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + $"Authorization: Bearer {daemon.AdminKey}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n");
        var slowBody = TrickleUntilClosedAsync(port, bodyHeaders, Encoding.ASCII.GetBytes("{\"action\":\"ENABLE\",\"pad\":\"" + new string('p', 3900)));

        // While both trickle, an ordinary client is served promptly.
        await Task.Delay(500);
        var served = Stopwatch.StartNew();
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        Assert.Equal(200, (int)(await http.GetAsync("/api/v2/bindings")).StatusCode);
        Assert.True(served.Elapsed < TimeSpan.FromSeconds(10), $"normal client took {served.Elapsed}");

        var (headerTime, headerAnswer) = await slowloris;
        var (bodyTime, bodyAnswer) = await slowBody;
        Assert.True(headerTime < Deadline, $"slowloris still connected after {headerTime}");
        Assert.True(bodyTime < Deadline, $"slow body still connected after {bodyTime}");
        // Kestrel answers 408 where it can before closing; a bare close is as good.
        Assert.True(headerAnswer.Length == 0 || headerAnswer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), headerAnswer);
        Assert.True(bodyAnswer.Length == 0 || bodyAnswer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), bodyAnswer);
        // They were cut by the limits, not by running out of bytes to send.
        Assert.True(headerTime > TimeSpan.FromSeconds(1.5) && bodyTime > TimeSpan.FromSeconds(1.5), $"{headerTime} {bodyTime}");

        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
    }

    /// <summary>
    /// Sends <paramref name="prefix"/> at once, then <paramref name="trickle"/> one byte every 250 ms, until the server
    /// closes the connection or <see cref="Deadline"/> passes. Returns how long the connection lasted and what the
    /// server sent.
    /// </summary>
    private static async Task<(TimeSpan Lasted, string Answer)> TrickleUntilClosedAsync(int port, byte[] prefix, byte[] trickle)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var started = Stopwatch.StartNew();
        await stream.WriteAsync(prefix);
        using var stop = new CancellationTokenSource(Deadline);
        var answer = ReadToEndAsync(stream, stop.Token);
        try
        {
            for (var i = 0; i < trickle.Length && !answer.IsCompleted && !stop.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(trickle.AsMemory(i, 1), stop.Token);
                await Task.WhenAny(answer, Task.Delay(250, stop.Token));
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The server closed (a write to a reset connection fails) or the deadline passed: the read says which.
        }

        var text = await answer;
        return (started.Elapsed, text);
    }

    /// <summary>Everything the server sends until it closes (or the token fires, which leaves the deadline exceeded).</summary>
    private static async Task<string> ReadToEndAsync(NetworkStream stream, CancellationToken token)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Reset by the server, or the deadline: both end the connection's life here.
        }

        return received.ToString();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
