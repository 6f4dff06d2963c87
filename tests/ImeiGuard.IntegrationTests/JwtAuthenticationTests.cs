using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// OAuth2 bearer JWTs over real HTTP: tokens from <c>imeiguard token issue</c> (the local ES256 key) and from a
/// loopback OpenID Connect provider (discovery + JWKS); every forgery answers 401 in the envelope, a missing
/// scope 403; API keys keep working alongside.
/// </summary>
public sealed class JwtAuthenticationTests : IAsyncDisposable
{
    private const string BindingPath = "/api/v2/subscriber/imsi/262017745956507/device-sim-lock";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-jwt-").FullName;

    [Fact]
    public async Task LocalKey_IssuedTokenAccepted_ForgeriesRejectedWithEnvelope()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        var keyFile = new FileInfo(Path.Combine(_dataDirectory, "jwt-signing-key.pem"));
        Assert.True(keyFile.Exists);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, keyFile.UnixFileMode);

        var issued = await ToolRun.RunAsync("dotnet", RepoPaths.DaemonDll, "token", "issue", "--scope", "simlock:read subscribers:read", "--tenant", "acme", "--ttl", "5m", "--data-dir", _dataDirectory);
        Assert.True(issued.ExitCode == 0, issued.Output);
        var token = issued.Output.Split('\n')[0].Trim();
        Assert.Equal(2, token.Count(c => c == '.'));

        using var http = new HttpClient { BaseAddress = daemon.BaseAddress };
        Assert.Equal(404, await StatusAsync(http, token)); // authenticated: tenant acme does not own the SIM, so it is unknown to it

        var local = TestTokens.LocalKey(_dataDirectory);
        Assert.Equal(200, await StatusAsync(http, TestTokens.Create(local, "simlock:read")));
        Assert.Equal(200, await StatusAsync(http, TestTokens.Create(local, "enforcement:read simlock:read", scopeClaim: "scp")));

        await AssertRejectedAsync(http, TestTokens.Create(local, "simlock:read", issuer: "https://evil.example"));
        await AssertRejectedAsync(http, TestTokens.Create(local, "simlock:read", audience: "another-api"));
        await AssertRejectedAsync(http, TestTokens.Create(local, "simlock:read", expiresIn: TimeSpan.FromMinutes(-5)));
        await AssertRejectedAsync(http, TestTokens.Create(TestTokens.ForeignKey(), "simlock:read"));
        await AssertRejectedAsync(http, TestTokens.Unsigned("simlock:read"));
        await AssertRejectedAsync(http, token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA")); // signature bytes changed

        var metrics = await MetricsScrape.ReadAsync(http);
        Assert.Equal(6, metrics.Value("imeiguard_control_plane_auth_rejected_total{scheme=\"jwt\"}"));

        // Authenticated but without the scope: 403 in the envelope.
        using var forbidden = await SendAsync(http, HttpMethod.Post, TestTokens.Create(local, "simlock:read"), JsonContent.Create(new { action = "ENABLE" }));
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("GLOBAL_1004", (await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());

        // API keys work alongside; the issue is in the audit log with its claims, not the token.
        using var admin = daemon.CreateClient();
        Assert.Equal(200, (int)(await admin.GetAsync(BindingPath)).StatusCode);
        var issue = (await ApiAnswer.GetAsync(admin, "/api/v2/audit?tenant=acme")).First;
        Assert.Equal("token.issue", issue.GetProperty("action").GetString());
        Assert.Equal("simlock:read subscribers:read", issue.GetProperty("after").GetProperty("scope").GetString());
        Assert.DoesNotContain(token.Split('.')[2], issue.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OidcAuthority_TokensFromProviderAccepted_OthersRejected()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var daemon = await DaemonProcess.StartAsync(
            _dataDirectory,
            $"--ImeiGuard:ControlPlane:Jwt:Authority={provider.Issuer}",
            "--ImeiGuard:ControlPlane:Jwt:Audience=imeiguard-api",
            "--ImeiGuard:ControlPlane:Jwt:RequireHttpsMetadata=false");
        using var http = new HttpClient { BaseAddress = daemon.BaseAddress };

        Assert.Equal(200, await StatusAsync(http, TestTokens.Create(provider.Credentials, "simlock:read", provider.Issuer, "imeiguard-api")));
        await AssertRejectedAsync(http, TestTokens.Create(provider.Credentials, "simlock:read", provider.Issuer, "imeiguard"));
        await AssertRejectedAsync(http, TestTokens.Create(provider.Credentials, "simlock:read", "https://other-issuer", "imeiguard-api"));
        await AssertRejectedAsync(http, TestTokens.Create(TestTokens.ForeignKey(), "simlock:read", provider.Issuer, "imeiguard-api"));
        // With an authority configured there is no local key to trust.
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "jwt-signing-key.pem")));
        Assert.Equal(403, await StatusAsync(http, TestTokens.Create(provider.Credentials, "enforcement:read", provider.Issuer, "imeiguard-api")));
    }

    private static async Task<int> StatusAsync(HttpClient http, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, token);
        return (int)response.StatusCode;
    }

    private static async Task AssertRejectedAsync(HttpClient http, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, token);
        Assert.Equal(401, (int)response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("GLOBAL_1003", body.GetProperty("errorCode").GetString());
        Assert.Equal(0, body.GetProperty("content").GetArrayLength());
        Assert.Equal(0, body.GetProperty("pageable").GetProperty("totalElements").GetInt64());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, BindingPath) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
