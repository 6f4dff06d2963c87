using System.Text.RegularExpressions;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.OpenApi;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The OpenAPI document and the /docs page, fetched from the running daemon, against the routes the daemon
/// actually maps: every route is documented and every documented operation exists. Routes described by
/// other documents (the Nchf tap, the CAMARA APIs) are left to those.
/// </summary>
public sealed partial class ApiReferenceTests : IAsyncDisposable
{
    private static readonly string[] OtherDocuments = ["/nchf-convergedcharging", "/iot-sim-fraud-prevention", "/openapi/iot-sim-fraud-prevention"];
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-openapi-").FullName;

    [Fact]
    public async Task DocumentAndDocsPage_CoverEveryMappedRoute()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress };

        using var document = await http.GetAsync("/openapi/imeiguard.yaml");
        Assert.Equal(200, (int)document.StatusCode);
        var yaml = await document.Content.ReadAsStringAsync();
        Assert.StartsWith("openapi: 3.0.3", yaml, StringComparison.Ordinal);
        var documented = ApiReference.ReadOperations(yaml);
        Assert.All(documented, o => Assert.False(string.IsNullOrEmpty(o.Summary) || string.IsNullOrEmpty(o.Scopes), $"{o.Method} {o.Path} lacks summary or security"));

        using var docs = await http.GetAsync("/docs");
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"https?:", html);
        Assert.All(documented, o => Assert.Contains($"<code>{System.Net.WebUtility.HtmlEncode(o.Path)}</code>", html, StringComparison.Ordinal));

        var mapped = await MappedRoutesAsync();
        Assert.Equal(
            mapped.Order(StringComparer.Ordinal),
            documented.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
    }

    /// <summary>Builds the daemon's application in-process (nothing started) and lists its routes as "METHOD /path".</summary>
    private async Task<List<string>> MappedRoutesAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["ImeiGuard:DataDirectory"] = Path.Combine(_dataDirectory, "in-process");
        builder.Services.AddImeiGuard(usesRedis: false);
        await using var app = builder.Build();
        app.MapControlPlane();
        return [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(static d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(static e => (Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"], Path: Constraint().Replace(e.RoutePattern.RawText!, "{$1}")))
            .Where(static e => !OtherDocuments.Any(prefix => e.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(static e => e.Methods.Select(m => $"{m} {e.Path}"))
            .Distinct()];
    }

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
