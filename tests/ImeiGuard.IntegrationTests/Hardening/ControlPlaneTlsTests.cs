using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>HTTPS from ImeiGuard:ControlPlane:Tls on the real daemon, with a certificate made at test time.</summary>
public sealed class ControlPlaneTlsTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("imeiguard-tls-").FullName;

    [Fact]
    public async Task PemCertificateAndKey_ServesHttpsOnly_ValidatedAgainstThatCertificate()
    {
        using var certificate = TestCertificate.Create(_directory);
        await using var daemon = await DaemonProcess.StartAsync(Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName,
            $"--ImeiGuard:ControlPlane:Tls:CertificateFile={certificate.CertificateFile}",
            $"--ImeiGuard:ControlPlane:Tls:KeyFile={certificate.KeyFile}");
        Assert.Equal("https", daemon.BaseAddress.Scheme);
        Assert.Contains(certificate.Certificate.Thumbprint, daemon.Log, StringComparison.Ordinal);

        using var https = certificate.CreateClient(daemon.BaseAddress, daemon.AdminKey);
        Assert.Equal(200, (int)(await https.GetAsync("/api/v2/bindings")).StatusCode);
        Assert.Equal("ok\n", await https.GetStringAsync("/healthz"));

        // Plain HTTP on the same port gets no answer: no token can cross in clear.
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.BaseAddress.Port}"), Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("/healthz"));

        // A client that trusts only another certificate refuses the connection.
        using var other = TestCertificate.Create(Directory.CreateDirectory(Path.Combine(_directory, "other")).FullName);
        using var mistrusting = other.CreateClient(daemon.BaseAddress, daemon.AdminKey);
        await Assert.ThrowsAsync<HttpRequestException>(() => mistrusting.GetAsync("/healthz"));
    }

    [Fact]
    public async Task MissingOrUnreadableCertificate_FailsStartWithOneClearLine()
    {
        var garbage = Path.Combine(_directory, "garbage.pem");
        await File.WriteAllTextAsync(garbage, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        foreach (var file in (string[])[Path.Combine(_directory, "absent.pem"), garbage])
        {
            var (exitCode, output) = await DaemonStart.RunUntilExitAsync(_directory, $"--ImeiGuard:ControlPlane:Tls:CertificateFile={file}");
            Assert.Equal(1, exitCode);
            Assert.Contains($"imeiguard: cannot start: ImeiGuard:ControlPlane:Tls: cannot load the certificate '{file}'", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
