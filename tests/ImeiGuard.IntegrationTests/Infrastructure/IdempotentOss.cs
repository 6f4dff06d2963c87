using System.Diagnostics;
using System.Text.Json;
using ImeiGuard.Oss.Adapters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback OSS that honours Idempotency-Key the way a careful OSS does: the first acceptable request of
/// a key is processed (recorded in <see cref="Processed"/>, in order), every later one gets the stored answer
/// without processing again. A fault plan decides, per key and receipt, to fail (status, Retry-After) or to
/// answer late. With a secret it checks X-ImeiGuard-Signature and refuses bad ones with 401.
/// </summary>
internal sealed class IdempotentOss : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _receipts = [];
    private readonly List<ProcessedCommand> _processed = [];
    private readonly List<OssReceipt> _received = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly byte[]? _secret;
    private readonly Func<string, int, OssFault?> _plan;
    private int _inFlight;

    private IdempotentOss(WebApplication app, byte[]? secret, Func<string, int, OssFault?> plan)
    {
        _app = app;
        _secret = secret;
        _plan = plan;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>The time on the clock of <see cref="OssReceipt.At"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Requests being held (processed, answer delayed) right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public IReadOnlyList<ProcessedCommand> Processed
    {
        get
        {
            lock (_gate)
            {
                return [.. _processed];
            }
        }
    }

    public IReadOnlyList<OssReceipt> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/> (0: any free port); every POST path is accepted.</summary>
    public static async Task<IdempotentOss> StartAsync(int port = 0, byte[]? secret = null, Func<string, int, OssFault?>? plan = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var oss = new IdempotentOss(app, secret, plan ?? (static (_, _) => null));
        app.MapPost("/{**path}", oss.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        oss.Url = new Uri(address + "/oss/commands");
        return oss;
    }

    /// <summary>Waits until <paramref name="count"/> distinct commands were processed, for at most <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ProcessedCommand>> WaitForProcessedAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Processed.Count < count && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        return Processed;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var key = request.Headers[OssRequest.IdempotencyKeyHeader].ToString();
        var signed = _secret is null
            || WebhookSigner.Verify(request.Headers[WebhookSigner.HeaderName], body, _secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        int receipt;
        OssFault? fault;
        bool replay;
        lock (_gate)
        {
            receipt = _receipts[key] = _receipts.GetValueOrDefault(key) + 1;
            replay = _processed.Exists(p => p.Key == key);
            fault = !signed || replay ? null : _plan(key, receipt);
            var status = !signed ? 401 : replay ? 200 : fault?.Status ?? 201;
            _received.Add(new OssReceipt(key, receipt, _clock.Elapsed, status, signed));
            if (signed && !replay && status < 300)
            {
                using var json = JsonDocument.Parse(body);
                _processed.Add(new ProcessedCommand(key, request.Headers[OssRequest.CommandHeader].ToString(), json.RootElement.Clone()));
            }
        }

        if (!signed)
        {
            return Results.StatusCode(401);
        }

        if (replay)
        {
            return Results.Ok(new { replayed = true });
        }

        if (fault is { Status: >= 300 } failure)
        {
            if (failure.RetryAfterSeconds is { } seconds)
            {
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(failure.Status);
        }

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, _stopping.Token);
                await Task.Delay(delay, linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        return Results.Created((string?)null, new { id = key });
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>What the OSS does with one request: fail with <paramref name="Status"/> (and Retry-After), or process and answer after <paramref name="Delay"/>.</summary>
internal sealed record OssFault(int Status = 201, int? RetryAfterSeconds = null, TimeSpan Delay = default);

/// <summary>A command the OSS acted on, once per key.</summary>
internal sealed record ProcessedCommand(string Key, string KindHeader, JsonElement Body)
{
    /// <summary>The IMSI part of the key ("block:&lt;imsi&gt;:&lt;episode&gt;").</summary>
    public string Imsi => Key.Split(':')[1];
}

/// <summary>One request as it arrived: its key, the how-many-th for that key, when, the answer given, whether the signature held.</summary>
internal sealed record OssReceipt(string Key, int Receipt, TimeSpan At, int Status, bool SignatureValid);
