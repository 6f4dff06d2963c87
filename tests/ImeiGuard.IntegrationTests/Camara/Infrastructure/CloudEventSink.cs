using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>
/// A subscriber's notification endpoint: Kestrel over HTTPS on loopback with a certificate made for 127.0.0.1, whose
/// PEM the daemon is told to trust (a private CA, ImeiGuard:Camara:Notifications:TrustedCertificatesPath). Records
/// every POST by sink path; a path can be told to fail its first requests (500) or to answer 410 Gone.
/// </summary>
internal sealed class CloudEventSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, bool> _gone = new();

    private CloudEventSink(WebApplication app, string certificatePath)
    {
        _app = app;
        CertificatePath = certificatePath;
    }

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    /// <summary>The PEM of the sink's certificate, for the daemon's trust.</summary>
    public string CertificatePath { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<CloudEventSink> StartAsync(string directory)
    {
        var certificate = CreateCertificate();
        var certificatePath = Path.Combine(directory, "sink-ca.pem");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new CloudEventSink(app, certificatePath);
        app.MapPost("/sinks/{name}", async (string name, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var status = sink._gone.ContainsKey(name) ? 410 : sink._failuresLeft.AddOrUpdate(name, -1, static (_, n) => n - 1) >= 0 ? 500 : 204;
            sink.Received.Enqueue(new ReceivedEvent(
                name,
                request.Headers.Authorization.ToString(),
                request.ContentType ?? string.Empty,
                request.Headers["x-correlator"].ToString(),
                body.RootElement.Clone(),
                status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        sink.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sink;
    }

    /// <summary>The sink URL of <paramref name="name"/>.</summary>
    public string Url(string name) => new Uri(BaseAddress, "/sinks/" + name).ToString();

    /// <summary>The first <paramref name="count"/> POSTs to <paramref name="name"/> get 500.</summary>
    public void FailFirst(string name, int count) => _failuresLeft[name] = count;

    /// <summary>From now on POSTs to <paramref name="name"/> are acknowledged (204).</summary>
    public void Heal(string name) => _failuresLeft[name] = 0;

    /// <summary>Every POST to <paramref name="name"/> gets 410 Gone.</summary>
    public void Gone(string name) => _gone[name] = true;

    /// <summary>The events <paramref name="name"/> received (including those it answered with an error), once at least <paramref name="count"/> arrived (20 s at most).</summary>
    public async Task<ReceivedEvent[]> WaitForAsync(string name, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && Of(name).Length < count)
        {
            await Task.Delay(50);
        }

        return Of(name);
    }

    /// <summary>The events <paramref name="name"/> received so far.</summary>
    public ReceivedEvent[] Of(string name) => [.. Received.Where(e => e.Sink == name)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // A self-signed certificate for the IP 127.0.0.1, valid for a day around now; the PFX round trip gives Kestrel a usable private key on every platform.
    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var created = TestCertificate.CreateLoopback("CN=imeiguard-test-sink", key);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>One POST a sink received, and the status it answered.</summary>
internal sealed record ReceivedEvent(string Sink, string Authorization, string ContentType, string Correlator, JsonElement Body, int AnsweredStatus)
{
    public bool Acknowledged => AnsweredStatus is >= 200 and < 300;

    public string Id => Body.GetProperty("id").GetString()!;

    public string Type => Body.GetProperty("type").GetString()!;

    public JsonElement Data => Body.GetProperty("data");
}
