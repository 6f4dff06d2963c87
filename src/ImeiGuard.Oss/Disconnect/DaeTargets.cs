using System.Net;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>The configured DAE targets, resolved once: which NAS-IP-Address goes to which endpoint with which secret.</summary>
internal sealed class DaeTargets
{
    private readonly List<DaeTarget> _targets = [];

    public DaeTargets(IEnumerable<DaeTargetOptions> options)
    {
        foreach (var o in options)
        {
            _targets.Add(new DaeTarget(
                o.Name ?? o.Address,
                IPNetwork.Parse(AsPrefix(o.Address)),
                string.IsNullOrEmpty(o.DaeAddress) ? null : IPAddress.Parse(o.DaeAddress),
                o.Port,
                SecretSource.Resolve(o.Secret, o.SecretFile) ?? []));
        }
    }

    public int Count => _targets.Count;

    /// <summary>A bare address is a one-address prefix.</summary>
    public static string AsPrefix(string address) =>
        address.Contains('/', StringComparison.Ordinal) ? address
        : address + (address.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");

    /// <summary>The first target whose prefix holds <paramref name="nasIp"/>, with the endpoint to send to.</summary>
    public bool TryFind(IPAddress nasIp, out DaeTarget target, out IPEndPoint endpoint)
    {
        foreach (var candidate in _targets)
        {
            if (candidate.Prefix.Contains(nasIp))
            {
                target = candidate;
                endpoint = new IPEndPoint(candidate.DaeAddress ?? nasIp, candidate.Port);
                return true;
            }
        }

        target = null!;
        endpoint = null!;
        return false;
    }
}
