namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// HTTPS for the control plane (section "ImeiGuard:ControlPlane:Tls"). With <see cref="CertificateFile"/> set, every
/// address in Urls serves HTTPS only (an http:// address too): probes, /metrics and the CHF tap included, so no bearer
/// token ever crosses the network in clear. Without it, plain HTTP as before (or TLS at a proxy).
/// </summary>
public sealed class TlsOptions
{
    /// <summary>The server certificate: a PEM file (certificate, then its chain) or a PKCS#12 file (.pfx, .p12). Default none: plain HTTP.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key (PKCS#8, or encrypted PKCS#8 with <see cref="Password"/>). Default: the key is in <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The password of an encrypted PEM key or of a PKCS#12 file. Prefer <see cref="PasswordFile"/> or the secrets directory.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(CertificateFile);
}
