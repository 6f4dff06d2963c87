using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 made at test time, written as PEM files, and an HttpClient that
/// trusts exactly that certificate (chain built against it alone, host name checked).
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        Certificate = certificate;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>Writes cert.pem and key.pem into <paramref name="directory"/>; the key encrypted when <paramref name="password"/> is given.</summary>
    public static TestCertificate Create(string directory, string? password = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = CreateLoopback("CN=imeiguard-test", key);

        var certificateFile = Path.Combine(directory, "cert.pem");
        var keyFile = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
        return new TestCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData), certificateFile, keyFile);
    }

    /// <summary>A self-signed server certificate for the IP 127.0.0.1 with <paramref name="key"/>, valid for a day around now.</summary>
    public static X509Certificate2 CreateLoopback(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A client for <paramref name="baseAddress"/> that accepts only this certificate, sending <paramref name="bearer"/>.</summary>
    public HttpClient CreateClient(Uri baseAddress, string bearer)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) => IsThisCertificate(presented, errors);
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>Only the chain may be "untrusted" (the system store does not know the certificate): rebuild it with this one as the root.</summary>
    private bool IsThisCertificate(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }

    public void Dispose() => Certificate.Dispose();
}
