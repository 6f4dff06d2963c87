using ImeiGuard.Daemon.Ingest;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// One shared secret of a replay and what selects it: the UDP source address, the NAS-IP-Address or the
/// NAS-Identifier of a request, or every packet (<see cref="MatchesAll"/>).
/// </summary>
internal sealed class ReplaySecret
{
    public ReplaySecret(string name, byte[] secret)
    {
        Name = name;
        Secret = secret;
        SourceName = "replay:" + name;
    }

    /// <summary>The group name of the secrets file, or the KEY of <c>--secret KEY=SECRET</c>.</summary>
    public string Name { get; }

    public byte[] Secret { get; }

    /// <summary>The evidence source name written into block commands (computed once, not per packet).</summary>
    public string SourceName { get; }

    public IpPrefix? Source { get; init; }

    public IpPrefix? NasIp { get; init; }

    public byte[]? NasIdentifier { get; init; }

    public bool MatchesAll { get; init; }
}
