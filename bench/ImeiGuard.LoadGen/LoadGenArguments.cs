using System.Globalization;
using System.Net;

namespace ImeiGuard.LoadGen;

/// <summary>The command line, checked: exactly one mode, loopback targets only, every run bounded.</summary>
internal sealed record LoadGenArguments
{
    /// <summary>No run sends for longer than this, whatever the command line says.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public const long MaxCount = 100_000_000;

    public string? PcapFile { get; private init; }

    public IPEndPoint? Target { get; private init; }

    public string? SeedDatabase { get; private init; }

    public long Count { get; private init; } = MaxCount;

    public TimeSpan Duration { get; private init; } = MaxDuration;

    /// <summary>Records per second; 0 = flat out.</summary>
    public double Rate { get; private init; }

    public int Subscribers { get; private init; } = 100_000;

    public string Secret { get; private init; } = "testing123";

    public int MessageAuthenticatorPercent { get; private init; } = 20;

    public int OtherDevicePerMillion { get; private init; }

    public long First { get; private init; }

    public int Batch { get; private init; } = 64;

    public int Flows { get; private init; } = 1;

    public int LockedPercent { get; private init; } = 50;

    public long PoolSize { get; private init; }

    public static LoadGenArguments Parse(string[] args)
    {
        var a = new LoadGenArguments();
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("every option takes a value: --option VALUE");
        }

        for (var i = 0; i < args.Length; i += 2)
        {
            var value = args[i + 1];
            a = args[i] switch
            {
                "--pcap" => a with { PcapFile = value },
                "--send" => a with { Target = LoopbackEndPoint(value) },
                "--seed-db" => a with { SeedDatabase = value },
                "--count" => a with { Count = Range(Long(value), 1, MaxCount, "--count") },
                "--duration" => a with { Duration = TimeSpan.FromSeconds(Range(Long(value), 1, (long)MaxDuration.TotalSeconds, "--duration")) },
                "--rate" => a with { Rate = value == "max" ? 0 : Range(Long(value), 1, 100_000_000, "--rate") },
                "--subscribers" => a with { Subscribers = (int)Range(Long(value), 1, Traffic.SubscriberPopulation.MaxCount, "--subscribers") },
                "--secret" => a with { Secret = value },
                "--ma-percent" => a with { MessageAuthenticatorPercent = (int)Range(Long(value), 0, 100, "--ma-percent") },
                "--other-device-ppm" => a with { OtherDevicePerMillion = (int)Range(Long(value), 0, 1_000_000, "--other-device-ppm") },
                "--first" => a with { First = Range(Long(value), 0, long.MaxValue / 2, "--first") },
                "--batch" => a with { Batch = (int)Range(Long(value), 1, 1024, "--batch") },
                "--flows" => a with { Flows = (int)Range(Long(value), 1, 64, "--flows") },
                "--locked-percent" => a with { LockedPercent = (int)Range(Long(value), 0, 100, "--locked-percent") },
                "--pool" => a with { PoolSize = Range(Long(value), 1, 4_000_000, "--pool") },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        var modes = (a.PcapFile is null ? 0 : 1) + (a.Target is null ? 0 : 1) + (a.SeedDatabase is null ? 0 : 1);
        if (modes != 1)
        {
            throw new ArgumentException("give exactly one of --pcap FILE, --send 127.0.0.1:PORT, --seed-db FILE");
        }

        var hasCount = args.Contains("--count");
        var hasDuration = args.Contains("--duration");
        var hasRate = args.Contains("--rate");
        if (a.PcapFile is not null && !hasCount)
        {
            throw new ArgumentException("--pcap needs --count N");
        }

        if (a.Target is not null && (!hasRate || !(hasCount || hasDuration)))
        {
            throw new ArgumentException("--send needs --rate PPS|max and --duration S or --count N");
        }

        return a.PoolSize > 0 ? a : a with { PoolSize = Math.Min(3L * a.Subscribers, 1_000_000) };
    }

    /// <summary>Parses ADDRESS:PORT and refuses anything that is not a loopback address.</summary>
    private static IPEndPoint LoopbackEndPoint(string text)
    {
        if (!IPEndPoint.TryParse(text, out var endPoint) || endPoint.Port == 0)
        {
            throw new ArgumentException($"--send {text}: expected ADDRESS:PORT");
        }

        return IPAddress.IsLoopback(endPoint.Address)
            ? endPoint
            : throw new ArgumentException($"--send {text}: only loopback addresses (127.0.0.0/8, ::1) are allowed");
    }

    private static long Long(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"not a number: {text}");

    private static long Range(long value, long min, long max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentException($"{name} must be in {min}..{max}");
}
