using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Applies ImeiGuard:ControlPlane:Limits and :Tls to Kestrel. TLS goes into the endpoint defaults, which Kestrel also
/// applies to the addresses from Urls: every listener, http:// ones included, then speaks HTTPS only.
/// </summary>
internal sealed class KestrelHardening(IOptions<ControlPlaneOptions> options, ControlPlaneCertificate certificate) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var limits = options.Value.Limits;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
        kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyDataRate > 0
            ? new MinDataRate(limits.MinRequestBodyDataRate, limits.MinRequestBodyDataRateGracePeriod)
            : null;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections > 0 ? limits.MaxConcurrentConnections : null;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;

        if (certificate.Certificate is { } serverCertificate)
        {
            kestrel.ConfigureEndpointDefaults(listen => listen.UseHttps(serverCertificate));
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = serverCertificate);
        }
    }
}
