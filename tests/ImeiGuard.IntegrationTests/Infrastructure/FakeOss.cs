using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>A loopback HTTP server standing in for the operator's OSS: records every command it is sent.</summary>
internal sealed class FakeOss : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOss(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedCommand> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeOss> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var oss = new FakeOss(app);
        app.MapPost("/oss/commands", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            oss.Received.Enqueue(new ReceivedCommand(
                request.Headers["Idempotency-Key"].ToString(),
                request.Headers["X-ImeiGuard-Command"].ToString(),
                body.RootElement.Clone()));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        oss.Url = new Uri(address + "/oss/commands");
        return oss;
    }

    /// <summary>Waits until <paramref name="count"/> commands arrived, for at most 15 s.</summary>
    public async Task<ReceivedCommand[]> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One POST the OSS received.</summary>
internal sealed record ReceivedCommand(string IdempotencyKey, string KindHeader, JsonElement Body);
