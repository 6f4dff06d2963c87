using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>
/// The HTTP handler for sinks: no redirects (a sink must not bounce notifications, with their bearer token, to another
/// address), and optionally extra trust anchors for sinks behind a private CA. Only an untrusted chain can be
/// rescued by the anchors; a wrong host name or a missing certificate is always refused.
/// </summary>
internal static class SinkHandler
{
    public static SocketsHttpHandler Create(NotificationOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (string.IsNullOrEmpty(options.TrustedCertificatesPath))
        {
            return handler;
        }

        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(options.TrustedCertificatesPath);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is X509Certificate2 leaf && ChainsTo(leaf, chain, anchors));
        return handler;
    }

    private static bool ChainsTo(X509Certificate2 leaf, X509Chain? presented, X509Certificate2Collection anchors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // A private CA rarely publishes revocation lists the daemon can reach; the operator vouches for it by listing it.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
