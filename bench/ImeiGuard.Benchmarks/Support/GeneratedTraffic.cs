using System.Text;
using ImeiGuard.LoadGen.Traffic;

namespace ImeiGuard.Benchmarks.Support;

/// <summary>The load generator's records, built in memory: single packets and whole captures.</summary>
public static class GeneratedTraffic
{
    /// <summary>The daemon's default loopback secret, which bench-e2e.sh also uses.</summary>
    public static readonly byte[] Secret = Encoding.UTF8.GetBytes("testing123");

    internal static AccountingRequestFactory Factory(int subscribers = 100_000) => new(subscribers, Secret);

    /// <summary>Record <paramref name="sequence"/> of the stream over <paramref name="subscribers"/> subscribers.</summary>
    public static byte[] Packet(long sequence, int subscribers = 100_000)
    {
        var buffer = new byte[AccountingRequestFactory.MaxPacketLength];
        var length = Factory(subscribers).Write(sequence, buffer);
        return buffer.AsSpan(0, length).ToArray();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), byte[]> Captures = new();

    /// <summary>A classic pcap of records 0..<paramref name="packets"/>-1, as <c>imeiguard-loadgen --pcap</c> writes it. Built once per size.</summary>
    public static byte[] Capture(int packets, int subscribers) => Captures.GetOrAdd((packets, subscribers), static key => BuildCapture(key.Item1, key.Item2));

    private static byte[] BuildCapture(int packets, int subscribers)
    {
        var factory = Factory(subscribers);
        var buffer = new byte[AccountingRequestFactory.MaxPacketLength];
        using var stream = new MemoryStream(packets * 460);
        using (var pcap = new PcapWriter(stream))
        {
            for (var i = 0; i < packets; i++)
            {
                var length = factory.Write(i, buffer);
                pcap.WriteUdp(1_724_568_000_000_000L + (i * 10L), 0x7F00_0001, 40000, 0x7F00_0001, 1813, buffer.AsSpan(0, length));
            }
        }

        return stream.ToArray();
    }
}
