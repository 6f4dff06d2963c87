using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using ImeiGuard.Daemon.Ingest;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// The secrets of a replay. A request's secret is chosen by its UDP source address first (most specific
/// prefix wins, as for the daemon's clients), then by NAS-IP-Address, then by NAS-Identifier, then a
/// catch-all. Matching allocates nothing.
/// </summary>
internal sealed class ReplaySecrets
{
    private readonly ReplaySecret[] _bySource;
    private readonly ReplaySecret[] _byNasIp;
    private readonly ReplaySecret[] _byNasIdentifier;
    private readonly ReplaySecret? _all;

    private ReplaySecrets(List<ReplaySecret> secrets)
    {
        _bySource = [.. secrets.Where(static s => s.Source is not null).OrderByDescending(static s => s.Source!.Value.Length)];
        _byNasIp = [.. secrets.Where(static s => s.NasIp is not null).OrderByDescending(static s => s.NasIp!.Value.Length)];
        _byNasIdentifier = [.. secrets.Where(static s => s.NasIdentifier is not null)];
        _all = secrets.FirstOrDefault(static s => s.MatchesAll);
        Count = secrets.Count;
    }

    public int Count { get; }

    /// <summary>True when a request must be parsed before its secret is known (some secret is chosen by attributes).</summary>
    public bool MatchesAttributes => _byNasIp.Length > 0 || _byNasIdentifier.Length > 0 || _all is not null;

    /// <summary>The secret for a UDP source address, or null.</summary>
    public ReplaySecret? MatchSource(CapturedAddress source)
    {
        var address = ToMapped(source);
        foreach (var secret in _bySource)
        {
            if (secret.Source!.Value.Contains(address))
            {
                return secret;
            }
        }

        return null;
    }

    /// <summary>The secret for a parsed request's NAS-IP-Address or NAS-Identifier, else the catch-all, else null.</summary>
    public ReplaySecret? MatchAttributes(scoped in AccountingRequest request)
    {
        if (request.HasNasIpAddress)
        {
            var address = ToMapped(CapturedAddress.FromIpv4(request.NasIpAddress));
            foreach (var secret in _byNasIp)
            {
                if (secret.NasIp!.Value.Contains(address))
                {
                    return secret;
                }
            }
        }

        if (!request.NasIdentifier.IsEmpty)
        {
            foreach (var secret in _byNasIdentifier)
            {
                if (request.NasIdentifier.SequenceEqual(secret.NasIdentifier))
                {
                    return secret;
                }
            }
        }

        return _all;
    }

    /// <summary>Builds the table from <c>--secret KEY=SECRET</c> values and an optional secrets file.</summary>
    public static bool TryCreate(IReadOnlyList<string> specs, string? file, [NotNullWhen(true)] out ReplaySecrets? secrets, out string error)
    {
        secrets = null;
        error = "";
        var list = new List<ReplaySecret>();
        foreach (var spec in specs)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var key = spec[..equals];
            var secret = Encoding.UTF8.GetBytes(spec[(equals + 1)..]);
            if (key == "*")
            {
                list.Add(new ReplaySecret(key, secret) { MatchesAll = true });
            }
            else if (IpPrefix.TryParse(key, out var prefix))
            {
                list.Add(new ReplaySecret(key, secret) { Source = prefix, NasIp = prefix });
            }
            else
            {
                list.Add(new ReplaySecret(key, secret) { NasIdentifier = Encoding.UTF8.GetBytes(key) });
            }
        }

        if (file is not null && !TryReadFile(file, list, out error))
        {
            return false;
        }

        secrets = new ReplaySecrets(list);
        return true;
    }

    /// <summary>
    /// Reads the corpus format (radius/secrets.json): an object of named groups, each with <c>secret</c> and any
    /// of <c>udp_source_ip</c>, <c>nas_ip_address</c> (addresses or CIDR prefixes) and <c>nas_identifier</c>.
    /// </summary>
    private static bool TryReadFile(string path, List<ReplaySecret> list, out string error)
    {
        error = "";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{path}: expected a JSON object of named secret groups";
                return false;
            }

            foreach (var group in document.RootElement.EnumerateObject())
            {
                if (group.Value.ValueKind != JsonValueKind.Object
                    || !group.Value.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.String)
                {
                    error = $"{path}: group '{group.Name}' has no string 'secret'";
                    return false;
                }

                IpPrefix? source = null, nasIp = null;
                if (!TryPrefix(group.Value, "udp_source_ip", ref source) || !TryPrefix(group.Value, "nas_ip_address", ref nasIp))
                {
                    error = $"{path}: group '{group.Name}' has an address that is not an IP address or CIDR prefix";
                    return false;
                }

                var nasIdentifier = group.Value.TryGetProperty("nas_identifier", out var id) && id.ValueKind == JsonValueKind.String
                    ? Encoding.UTF8.GetBytes(id.GetString()!)
                    : null;
                list.Add(new ReplaySecret(group.Name, Encoding.UTF8.GetBytes(secret.GetString()!))
                {
                    Source = source,
                    NasIp = nasIp,
                    NasIdentifier = nasIdentifier,
                });
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"{path}: {e.Message}";
            return false;
        }
    }

    private static bool TryPrefix(JsonElement group, string name, ref IpPrefix? prefix)
    {
        if (!group.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        return value.ValueKind == JsonValueKind.String && IpPrefix.TryParse(value.GetString()!, out prefix);
    }

    /// <summary>The address as <see cref="IpPrefix"/> holds it: IPv4 mapped into IPv6 (::ffff:a.b.c.d).</summary>
    private static UInt128 ToMapped(CapturedAddress address) =>
        address.IsIpv6 ? address.Value : ((UInt128)0xFFFF << 32) | address.Ipv4;
}
