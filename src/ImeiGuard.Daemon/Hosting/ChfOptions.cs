namespace ImeiGuard.Daemon.Hosting;

/// <summary>CHF (Nchf_ConvergedCharging) ingest (section "ImeiGuard:Chf").</summary>
public sealed class ChfOptions
{
    /// <summary>UDP port for ChargingDataRequest JSON bodies, one per datagram. Default 0 = off.</summary>
    public int UdpPort { get; set; }

    /// <summary>TCP port for a stream of newline-delimited ChargingDataRequest JSON bodies. Default 0 = off.</summary>
    public int TcpPort { get; set; }

    /// <summary>Local address of the UDP and TCP listeners. Default 0.0.0.0.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Serve the Nchf_ConvergedCharging paths on the HTTP port, for a probe or SBI mirror that replays the
    /// SMF's requests (POST .../nchf-convergedcharging/v2|v3/chargingdata[/{ref}/update|release]). Default true.
    /// </summary>
    public bool HttpTap { get; set; } = true;

    /// <summary>Largest accepted body in octets. Default 65,536.</summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>Trusted CHF sources (Name, Address as IP or CIDR). None configured = loopback only.</summary>
    public List<ChfSourceOptions> Sources { get; set; } = [];

    /// <summary>The configured sources, or loopback when none are configured.</summary>
    public IReadOnlyList<ChfSourceOptions> EffectiveSources => Sources.Count > 0
        ? Sources
        : [new() { Name = "loopback", Address = "127.0.0.0/8" }, new() { Name = "loopback6", Address = "::1/128" }];
}

/// <summary>One trusted CHF record source.</summary>
public sealed class ChfSourceOptions
{
    public string Name { get; set; } = "";

    /// <summary>Address or CIDR prefix.</summary>
    public string Address { get; set; } = "";
}
