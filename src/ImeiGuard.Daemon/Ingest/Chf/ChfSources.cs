using System.Net;
using ImeiGuard.Daemon.Hosting;

namespace ImeiGuard.Daemon.Ingest.Chf;

/// <summary>Which peers may send CHF records; the most specific prefix names the source.</summary>
internal sealed class ChfSources
{
    private readonly (string Name, IpPrefix Prefix)[] _byLongestPrefix;

    public ChfSources(IEnumerable<ChfSourceOptions> sources)
    {
        var list = new List<(string, IpPrefix)>();
        foreach (var s in sources)
        {
            if (!IpPrefix.TryParse(s.Address, out var prefix))
            {
                throw new InvalidOperationException($"ImeiGuard:Chf:Sources: '{s.Address}' is not an address or CIDR prefix.");
            }

            list.Add((string.IsNullOrEmpty(s.Name) ? s.Address : s.Name, prefix.Value));
        }

        _byLongestPrefix = [.. list.OrderByDescending(static s => s.Item2.Length)];
    }

    public string? Match(UInt128 address)
    {
        foreach (var (name, prefix) in _byLongestPrefix)
        {
            if (prefix.Contains(address))
            {
                return name;
            }
        }

        return null;
    }

    public string? Match(IPAddress? address) => address is null ? null : Match(IpPrefix.ToUInt128(address));
}
