using BenchmarkDotNet.Attributes;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Benchmarks.Daemon.Replay;

/// <summary>
/// Replay throughput on one core: a generated capture of 100,000 Accounting-Requests (the load generator's records,
/// 100,000 subscribers, half of them LOCKED in the table) read from memory with the capture reader, each record
/// parsed and decided. Target (issue 8): at least 1,000,000 packets/s for full decode + verdict. Ops = packets.
/// </summary>
public class CaptureReplayBenchmarks
{
    public const int Packets = 100_000;
    public const int Subscribers = 100_000;

    private byte[] _capture = [];
    private BindingEnforcer _enforcer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _capture = GeneratedTraffic.Capture(Packets, Subscribers);
        _enforcer = BenchEnforcer.Create(Subscribers, lockedPercent: 50);
    }

    /// <summary>Capture decoding alone (pcap record, Ethernet, IPv4, UDP): the floor under the other two.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int ReadCapture()
    {
        var reader = new CaptureReader(_capture);
        var n = 0;
        while (reader.TryReadNext(out var datagram))
        {
            n += datagram.Payload.IsEmpty ? 0 : 1;
        }

        return n;
    }

    /// <summary>Capture, parse and extract, verdict: what a replay does when it trusts the capture.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int DecodeAndDecide() => ReplayPipeline.Run(_capture, _enforcer, secret: default);

    /// <summary>As <see cref="DecodeAndDecide"/>, plus the Request Authenticator (and Message-Authenticator) check.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int DecodeVerifyAndDecide() => ReplayPipeline.Run(_capture, _enforcer, GeneratedTraffic.Secret);
}
