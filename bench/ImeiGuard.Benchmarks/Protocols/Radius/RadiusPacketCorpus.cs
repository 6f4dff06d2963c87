using System.Text;
using System.Text.Json;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Protocols.Radius;

/// <summary>
/// Accounting-Requests to measure: peer packets of the shared corpus (radius/peer.pcap, made by radclient) read with
/// the project's capture reader, and two records of the load generator. Only records that name a SIM, a device and a
/// location are used, since those are what the hot path decides on (and the full extraction work).
/// </summary>
public static class RadiusPacketCorpus
{
    /// <summary>Packets per invocation: keeps one invocation well above the timer resolution.</summary>
    public const int InnerLoop = 64;

    private static readonly Lazy<PacketCase[]> Cases = new(Load);

    public static IEnumerable<PacketCase> AccountingRequests() => Cases.Value;

    private static PacketCase[] Load()
    {
        var secrets = SecretsBySource();
        var peer = new List<PacketCase>();
        var file = File.ReadAllBytes(CorpusFiles.Path("radius", "peer.pcap"));
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            if (AccountingRequestParser.TryParse(d.Payload, RadiusParserOptions.Default, out var request) != RadiusParseError.None
                || request.Imsi.IsEmpty || request.Pei.IsEmpty || !request.Location.IsPresent)
            {
                continue;
            }

            var name = $"peer-{d.FrameNumber:D2}-{StatusName(request.StatusType)}{(request.HasMessageAuthenticator ? "-ma" : "")}-{request.Length}B";
            peer.Add(new PacketCase(name, d.Payload.ToArray(), secrets[d.Source.ToString()]));
        }

        // A handful keeps the run short: the smallest and the largest, and a median one with and without a
        // Message-Authenticator (which doubles the authenticator work).
        peer.Sort((a, b) => a.Bytes.Length.CompareTo(b.Bytes.Length));
        var withMa = peer.Where(p => p.Name.Contains("-ma-", StringComparison.Ordinal)).ToList();
        var withoutMa = peer.Where(p => !p.Name.Contains("-ma-", StringComparison.Ordinal)).ToList();
        PacketCase[] picked = [peer[0], withMa[withMa.Count / 2], withoutMa[withoutMa.Count / 2], peer[^1], Generated(0, withMa: false), Generated(100_000, withMa: true)];
        return [.. picked.Distinct()];
    }

    /// <summary>The first load generator record from <paramref name="sequence"/> on with (or without) a Message-Authenticator.</summary>
    private static PacketCase Generated(long sequence, bool withMa)
    {
        byte[] bytes;
        string status;
        while (true)
        {
            bytes = GeneratedTraffic.Packet(sequence++);
            _ = AccountingRequestParser.TryParse(bytes, RadiusParserOptions.Default, out var request);
            if (request.HasMessageAuthenticator == withMa)
            {
                status = StatusName(request.StatusType);
                break;
            }
        }

        var name = $"loadgen-{status}{(withMa ? "-ma" : "")}-{bytes.Length}B";
        return new PacketCase(name, bytes, GeneratedTraffic.Secret);
    }

    private static string StatusName(AcctStatusType status) => status switch
    {
        AcctStatusType.Start => "start",
        AcctStatusType.InterimUpdate => "interim",
        AcctStatusType.Stop => "stop",
        _ => "other",
    };

    /// <summary>radius/secrets.json: the shared secret of each UDP source address.</summary>
    private static Dictionary<string, byte[]> SecretsBySource()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(CorpusFiles.Path("radius", "secrets.json")));
        return json.RootElement.EnumerateObject().ToDictionary(
            group => group.Value.GetProperty("udp_source_ip").GetString()!,
            group => Encoding.UTF8.GetBytes(group.Value.GetProperty("secret").GetString()!));
    }
}

/// <summary>One packet and its client's shared secret, named readably in the results table.</summary>
public sealed record PacketCase(string Name, byte[] Bytes, byte[] Secret)
{
    public override string ToString() => Name;
}
