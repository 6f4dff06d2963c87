using BenchmarkDotNet.Attributes;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Protocols.Radius;

/// <summary>
/// Parse and extract an Accounting-Request: framing, every attribute, IMSI, IMEISV, ULI and PLMNs decoded.
/// Target: 0 B allocated and at most 150 ns per packet (issue 8). Returns the packets that yielded an IMSI.
/// </summary>
public class AccountingRequestParserBenchmarks
{
    public static IEnumerable<PacketCase> Cases => RadiusPacketCorpus.AccountingRequests();

    [Benchmark(OperationsPerInvoke = RadiusPacketCorpus.InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int TryParse(PacketCase packet)
    {
        var n = 0;
        for (var i = 0; i < RadiusPacketCorpus.InnerLoop; i++)
        {
            if (AccountingRequestParser.TryParse(packet.Bytes, RadiusParserOptions.Default, out var request) == RadiusParseError.None
                && !request.Imsi.IsEmpty && !request.Pei.IsEmpty && request.Location.IsPresent)
            {
                n++;
            }
        }

        return n;
    }
}
