using BenchmarkDotNet.Attributes;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Protocols.Location;

/// <summary>
/// Decode a 3GPP-User-Location-Info value, one case per location type found in the peer corpus.
/// Target: 0 B allocated. Returns the values that decoded to a location.
/// </summary>
public class UserLocationDecoderBenchmarks
{
    public const int InnerLoop = 256;

    public static IEnumerable<UliCase> Cases()
    {
        var seen = new SortedDictionary<byte, UliCase>();
        foreach (var packet in PeerRequests())
        {
            _ = AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request);
            var raw = request.UserLocationInfoRaw;
            if (!raw.IsEmpty && raw[0] is 0 or 2 or 129 or 130 or 135 or 137 && !seen.ContainsKey(raw[0]))
            {
                seen[raw[0]] = new UliCase($"uli-{raw[0]:D3}-{TypeName(raw[0])}", raw.ToArray());
            }
        }

        return seen.Values;
    }

    [Benchmark(OperationsPerInvoke = InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int TryDecode(UliCase uli)
    {
        var n = 0;
        for (var i = 0; i < InnerLoop; i++)
        {
            if (UserLocationDecoder.TryDecode(uli.Value, NcgiLayout.SpareLast, ExtendedENodeBFlag.SetMeansShort, out var location) == RadiusParseError.None
                && location.IsPresent)
            {
                n++;
            }
        }

        return n;
    }

    private static string TypeName(byte type) => type switch
    {
        0 => "cgi",
        2 => "rai",
        129 => "ecgi",
        130 => "tai-ecgi",
        135 => "ncgi",
        _ => "5gs-tai-ncgi",
    };

    private static List<byte[]> PeerRequests()
    {
        var file = File.ReadAllBytes(Support.CorpusFiles.Path("radius", "peer.pcap"));
        var list = new List<byte[]>();
        var reader = new ImeiGuard.Protocols.Capture.CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            list.Add(d.Payload.ToArray());
        }

        return list;
    }
}

/// <summary>One ULI value (type octet first), named by its type.</summary>
public sealed record UliCase(string Name, byte[] Value)
{
    public override string ToString() => Name;
}
