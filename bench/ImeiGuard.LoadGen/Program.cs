using System.Globalization;
using System.Net;
using System.Text;
using ImeiGuard.LoadGen;
using ImeiGuard.LoadGen.Seeding;
using ImeiGuard.LoadGen.Sending;
using ImeiGuard.LoadGen.Traffic;

// imeiguard-loadgen: signed RADIUS Accounting-Requests for benchmarks. Loopback only, always bounded.
//   --pcap FILE --count N                      write a classic pcap (Ethernet/IPv4/UDP to 127.0.0.1:1813)
//   --send 127.0.0.1:PORT --rate PPS|max (--duration S | --count N)   send over UDP with sendmmsg
//   --seed-db FILE [--locked-percent P]         lock P% of the subscribers to their devices in a daemon database
// Common: --subscribers N (100000) --secret S (testing123) --ma-percent P (20) --first N (0)
//         --other-device-ppm N (0) --batch B (64) --flows K (1) --pool N (3 x subscribers, at most 1M)
try
{
    var a = LoadGenArguments.Parse(args);
    var factory = new AccountingRequestFactory(a.Subscribers, Encoding.UTF8.GetBytes(a.Secret), a.MessageAuthenticatorPercent, a.OtherDevicePerMillion);
    if (a.PcapFile is { } file)
    {
        WritePcap(factory, file, a);
    }
    else if (a.Target is { } target)
    {
        Send(factory, target, a);
    }
    else if (a.SeedDatabase is { } database)
    {
        var written = BindingSeeder.Seed(database, a.Subscribers, a.LockedPercent);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded={written} subscribers={a.Subscribers} locked_percent={a.LockedPercent}"));
    }

    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"imeiguard-loadgen: {e.Message}");
    return 2;
}

static void WritePcap(AccountingRequestFactory factory, string file, LoadGenArguments a)
{
    const uint Source = 0x7F00_0001, Destination = 0x7F00_0001;
    var buffer = new byte[AccountingRequestFactory.MaxPacketLength];
    using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    using var pcap = new PcapWriter(stream);
    var start = (long)factory.BaseTime * 1_000_000;
    long octets = 0;
    for (long i = 0; i < a.Count; i++)
    {
        var length = factory.Write(a.First + i, buffer);
        octets += length;
        pcap.WriteUdp(start + (i * 10), Source, (ushort)(40000 + (i % 8)), Destination, 1813, buffer.AsSpan(0, length));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pcap={file} packets={a.Count} mean_length={(double)octets / a.Count:F1}"));
}

static void Send(AccountingRequestFactory factory, IPEndPoint target, LoadGenArguments a)
{
    using var blaster = new UdpBlaster(target, a.Flows);
    var poolSize = (int)Math.Min(a.Count, a.PoolSize);
    using var pool = new PacketPool(factory, a.First, poolSize);
    var result = blaster.Run(pool, a.Rate, a.Count, a.Duration, a.Batch);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"sent={result.Sent} seconds={result.Seconds:F3} rate={result.Rate:F0} calls={result.Calls} errors={result.Errors} cpu_seconds={result.CpuSeconds:F2} mean_length={pool.MeanLength:F1}"));
}
