using BenchmarkDotNet.Attributes;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Radius;

/// <summary>Parse and verify an Accounting-Request; the target is 0 B allocated (house style 8.5).</summary>
[MemoryDiagnoser]
public class AccountingRequestParserBenchmarks
{
    private static readonly byte[] Secret = "pgwA-Dddzkzpr8NwFiQ"u8.ToArray();

    public static IEnumerable<PacketCase> Cases => RadiusPacketCorpus.AccountingRequests();

    [Benchmark(OperationsPerInvoke = RadiusPacketCorpus.InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int TryParse(PacketCase packet)
    {
        var n = 0;
        for (var i = 0; i < RadiusPacketCorpus.InnerLoop; i++)
        {
            n += (int)AccountingRequestParser.TryParse(packet.Bytes, RadiusParserOptions.Default, out var request) + request.Length;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = RadiusPacketCorpus.InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int VerifyRequest(PacketCase packet)
    {
        var n = 0;
        for (var i = 0; i < RadiusPacketCorpus.InnerLoop; i++)
        {
            n += (int)RadiusAuthenticator.VerifyRequest(packet.Bytes, Secret);
        }

        return n;
    }
}
