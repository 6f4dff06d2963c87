using System.Diagnostics.CodeAnalysis;
using ImeiGuard.Fuzz.Targets;

namespace ImeiGuard.Fuzz;

/// <summary>The fuzz targets by name. Each takes one input and throws <see cref="FuzzFailure"/> (or anything else) on a bug.</summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["radius"] = RadiusTarget.Run,
        ["chf"] = ChfTarget.Run,
        ["pcap"] = PcapTarget.Run,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Action<byte[]>? target) => Targets.TryGetValue(name, out target);
}
