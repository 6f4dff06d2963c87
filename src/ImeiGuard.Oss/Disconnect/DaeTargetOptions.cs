namespace ImeiGuard.Oss.Disconnect;

/// <summary>One NAS that accepts Disconnect-Requests (an entry of "ImeiGuard:Disconnect:Nas").</summary>
public sealed class DaeTargetOptions
{
    /// <summary>A name for logs. Default: the address.</summary>
    public string? Name { get; set; }

    /// <summary>The NAS-IP-Address reported in accounting (evidence.nasIp), as an address or CIDR prefix. Required.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Where to send the request when it is not the NAS-IP-Address itself (a DAE proxy, a separate interface). Default: the NAS-IP-Address.</summary>
    public string? DaeAddress { get; set; }

    /// <summary>The NAS's DAE port. Default 3799 (RFC 5176).</summary>
    public int Port { get; set; } = 3799;

    /// <summary>The shared secret for this NAS's dynamic authorization. Set this or <see cref="SecretFile"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>File holding the secret.</summary>
    public string? SecretFile { get; set; }
}
