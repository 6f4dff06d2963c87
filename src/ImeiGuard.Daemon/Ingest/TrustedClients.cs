using System.Text;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>A configured source, resolved for the hot path (secret as bytes; empty = accepted unverified).</summary>
internal sealed record TrustedClient(string Name, IpPrefix Prefix, byte[] Secret, RadiusParserOptions ParserOptions);

/// <summary>
/// The configured RADIUS clients. The most specific prefix wins, so a /32 for one NAS can carry a
/// different secret than the /24 around it.
/// </summary>
internal sealed class TrustedClients
{
    private readonly TrustedClient[] _byLongestPrefix;

    public TrustedClients(IEnumerable<RadiusClientOptions> clients)
    {
        var list = new List<TrustedClient>();
        foreach (var c in clients)
        {
            if (!IpPrefix.TryParse(c.Address, out var prefix))
            {
                throw new InvalidOperationException($"ImeiGuard:Radius:Clients: '{c.Address}' of client '{c.Name}' is not an address or CIDR prefix.");
            }

            var secret = c.SecretFile is { Length: > 0 } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : c.Secret;
            if (string.IsNullOrEmpty(secret) && !c.AcceptUnverified)
            {
                throw new InvalidOperationException($"ImeiGuard:Radius:Clients: client '{c.Name}' has no Secret or SecretFile (set AcceptUnverified for a source whose secret is not known).");
            }

            var parserOptions = new RadiusParserOptions { NcgiLayout = c.NcgiLayout, ExtendedENodeBFlag = c.ExtendedENodeBFlag };
            list.Add(new TrustedClient(string.IsNullOrEmpty(c.Name) ? c.Address : c.Name, prefix.Value, Encoding.UTF8.GetBytes(secret ?? ""), parserOptions));
        }

        _byLongestPrefix = [.. list.OrderByDescending(static c => c.Prefix.Length)];
    }

    public int Count => _byLongestPrefix.Length;

    public TrustedClient? Match(UInt128 address)
    {
        foreach (var client in _byLongestPrefix)
        {
            if (client.Prefix.Contains(address))
            {
                return client;
            }
        }

        return null;
    }
}
