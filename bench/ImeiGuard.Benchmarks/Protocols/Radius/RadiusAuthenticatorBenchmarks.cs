using BenchmarkDotNet.Attributes;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Protocols.Radius;

/// <summary>
/// Verify the Request Authenticator (MD5) and, in the "-ma" cases, the Message-Authenticator (HMAC-MD5) with the
/// client's secret. Target: 0 B allocated. Returns the packets that verified.
/// </summary>
public class RadiusAuthenticatorBenchmarks
{
    public static IEnumerable<PacketCase> Cases => RadiusPacketCorpus.AccountingRequests();

    [Benchmark(OperationsPerInvoke = RadiusPacketCorpus.InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int VerifyRequest(PacketCase packet)
    {
        var n = 0;
        for (var i = 0; i < RadiusPacketCorpus.InnerLoop; i++)
        {
            if (RadiusAuthenticator.VerifyRequest(packet.Bytes, packet.Secret) == RadiusParseError.None)
            {
                n++;
            }
        }

        return n;
    }
}
