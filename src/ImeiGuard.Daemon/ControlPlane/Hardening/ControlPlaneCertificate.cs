using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImeiGuard.Daemon.Hosting;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// The control plane's server certificate from ImeiGuard:ControlPlane:Tls, loaded once at start. Program resolves it
/// before the server starts, so a missing or unreadable file stops the start with one clear line.
/// </summary>
internal sealed class ControlPlaneCertificate : IDisposable
{
    public ControlPlaneCertificate(IOptions<ControlPlaneOptions> options) =>
        Certificate = options.Value.Tls is { Enabled: true } tls ? Load(tls) : null;

    /// <summary>The certificate with its private key; null when TLS is not configured.</summary>
    public X509Certificate2? Certificate { get; }

    public static X509Certificate2 Load(TlsOptions tls)
    {
        var path = tls.CertificateFile!;
        try
        {
            var password = tls.PasswordFile is { Length: > 0 } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : tls.Password;
            var certificate = IsPkcs12(path)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : password is { Length: > 0 }
                    ? X509Certificate2.CreateFromEncryptedPemFile(path, password, tls.KeyFile)
                    : X509Certificate2.CreateFromPemFile(path, tls.KeyFile);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new StartupConfigurationException($"ImeiGuard:ControlPlane:Tls: '{path}' has no private key (set KeyFile to the PEM key)");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var files = tls.KeyFile is { Length: > 0 } key ? $"'{path}' with key '{key}'" : $"'{path}'";
            throw new StartupConfigurationException($"ImeiGuard:ControlPlane:Tls: cannot load the certificate {files}: {ex.Message}", ex);
        }
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => Certificate?.Dispose();
}
