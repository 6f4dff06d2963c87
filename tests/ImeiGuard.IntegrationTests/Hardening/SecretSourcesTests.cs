using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>
/// Secrets from outside the settings file: a key-per-file secrets directory laid out as Kubernetes mounts a Secret,
/// and plain environment variables; a missing directory stops the start with one line.
/// </summary>
public sealed class SecretSourcesTests : IAsyncDisposable
{
    private const string BindingsPath = "/api/v2/bindings";
    private readonly string _directory = Directory.CreateTempSubdirectory("imeiguard-secrets-").FullName;

    [Fact]
    public async Task SecretsDirectory_KubernetesLayout_SuppliesApiKeyAndTlsKeyPassword()
    {
        const string password = "tls-key-password-42";
        var apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        using var certificate = TestCertificate.Create(_directory, password);
        var secrets = KubernetesSecretVolume(new Dictionary<string, string>
        {
            ["ImeiGuard__ControlPlane__ApiKeys__0__Name"] = "fleet-portal",
            ["ImeiGuard__ControlPlane__ApiKeys__0__Key"] = apiKey + "\n", // as `kubectl create secret --from-file` keeps it
            ["ImeiGuard__ControlPlane__ApiKeys__0__Scopes__0"] = "simlock:read",
            ["ImeiGuard__ControlPlane__Tls__Password"] = password,
        });

        await using var daemon = await DaemonProcess.StartAsync(Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName,
            new Dictionary<string, string> { ["IMEIGUARD_SECRETS_DIR"] = secrets },
            $"--ImeiGuard:ControlPlane:Tls:CertificateFile={certificate.CertificateFile}",
            $"--ImeiGuard:ControlPlane:Tls:KeyFile={certificate.KeyFile}");

        using var https = certificate.CreateClient(daemon.BaseAddress, apiKey);
        Assert.Equal(200, (int)(await https.GetAsync(BindingsPath)).StatusCode);
        Assert.Equal(403, (int)(await https.GetAsync("/api/v2/audit")).StatusCode); // only the scope its file gave it
        Assert.False(File.Exists(Path.Combine(daemon.DataDirectory, "admin.key"))); // a configured key: no bootstrap key
        Assert.DoesNotContain(apiKey, daemon.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(password, daemon.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_SupplyApiKey()
    {
        var apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var daemon = await DaemonProcess.StartAsync(_directory, new Dictionary<string, string>
        {
            ["ImeiGuard__ControlPlane__ApiKeys__0__Name"] = "from-env",
            ["ImeiGuard__ControlPlane__ApiKeys__0__Key"] = apiKey,
            ["ImeiGuard__ControlPlane__ApiKeys__0__Scopes__0"] = "simlock:read",
        });

        using var http = daemon.CreateClient(apiKey);
        Assert.Equal(200, (int)(await http.GetAsync(BindingsPath)).StatusCode);
        using var wrong = daemon.CreateClient(apiKey[..^1] + (apiKey[^1] == '0' ? '1' : '0'));
        Assert.Equal(401, (int)(await wrong.GetAsync(BindingsPath)).StatusCode);
    }

    [Fact]
    public async Task MissingSecretsDirectory_FailsStartWithOneClearLine()
    {
        var absent = Path.Combine(_directory, "no-such-secrets");
        var (exitCode, output) = await DaemonStart.RunUntilExitAsync(_directory, $"--ImeiGuard:SecretsDirectory={absent}");
        Assert.Equal(1, exitCode);
        Assert.Contains($"imeiguard: cannot start: ImeiGuard:SecretsDirectory (IMEIGUARD_SECRETS_DIR): directory '{absent}'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A directory as the kubelet writes a Secret volume: the files in a timestamped dot-directory, "..data" linking to
    /// it, and one top-level link per key, so that an update swaps one link atomically.
    /// </summary>
    private string KubernetesSecretVolume(Dictionary<string, string> files)
    {
        var volume = Directory.CreateDirectory(Path.Combine(_directory, "secrets")).FullName;
        var version = Directory.CreateDirectory(Path.Combine(volume, "..2026_01_01_00_00_00.000000001")).FullName;
        foreach (var (name, value) in files)
        {
            File.WriteAllText(Path.Combine(version, name), value);
        }

        Directory.CreateSymbolicLink(Path.Combine(volume, "..data"), Path.GetFileName(version));
        foreach (var name in files.Keys)
        {
            File.CreateSymbolicLink(Path.Combine(volume, name), Path.Combine("..data", name));
        }

        return volume;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
