using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Benchmarks.Radius;

/// <summary>Accounting-Requests of the shared corpus (radius/peer.pcap), found next to the repository root or via IMEIGUARD_CORPUS.</summary>
public static class RadiusPacketCorpus
{
    public const int InnerLoop = 64;

    public static IEnumerable<PacketCase> AccountingRequests()
    {
        var file = File.ReadAllBytes(Path.Combine(FindCorpus(), "radius", "peer.pcap"));
        var cases = new List<PacketCase>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var d))
        {
            if (d.Payload.Length > 0 && d.Payload[0] == 4)
            {
                cases.Add(new PacketCase($"peer-frame-{d.FrameNumber:D2}-{d.Payload.Length}B", d.Payload.ToArray()));
            }
        }

        // A handful of representative sizes keeps the run short: the smallest, a median and the largest.
        cases.Sort((a, b) => a.Bytes.Length.CompareTo(b.Bytes.Length));
        return [cases[0], cases[cases.Count / 2], cases[^1]];
    }

    private static string FindCorpus()
    {
        var configured = Environment.GetEnvironmentVariable("IMEIGUARD_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeiGuard.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "corpus");
            }
        }

        throw new InvalidOperationException("corpus not found; set IMEIGUARD_CORPUS");
    }
}

/// <summary>One packet, named readably in the results table.</summary>
public sealed record PacketCase(string Name, byte[] Bytes)
{
    public override string ToString() => Name;
}
