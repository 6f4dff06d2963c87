using BenchmarkDotNet.Attributes;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Benchmarks.Core.Bindings;

/// <summary>The pure verdict, one case per row of the transition table. Target: 0 B. Returns the expected verdicts.</summary>
public class BindingRulesBenchmarks
{
    public const int InnerLoop = 1024;

    private static readonly Imei DeviceA = Imei.FromValue(86_446_103_207_724);
    private static readonly Imei DeviceB = Imei.FromValue(35_349_006_610_128);

    public static IEnumerable<VerdictCase> Cases() =>
    [
        new("locked-bound-device", new LockStatus(LockState.Locked, DeviceA, default, 0), DeviceA, VerdictKind.Match),
        new("locked-other-device", new LockStatus(LockState.Locked, DeviceA, default, 0), DeviceB, VerdictKind.Violation),
        new("armed-first-device", new LockStatus(LockState.Armed, default, default, 0), DeviceA, VerdictKind.Paired),
        new("violated-other-device", new LockStatus(LockState.Violated, DeviceA, DeviceB, 1), DeviceB, VerdictKind.ViolationRepeated),
        new("locked-no-imei", new LockStatus(LockState.Locked, DeviceA, default, 0), default, VerdictKind.NoDevice),
        new("disabled", new LockStatus(LockState.Disabled, default, default, 0), DeviceA, VerdictKind.NotEnforced),
    ];

    [Benchmark(OperationsPerInvoke = InnerLoop)]
    [ArgumentsSource(nameof(Cases))]
    public int Decide(VerdictCase c)
    {
        var status = c.Status;
        var observed = c.Observed;
        var n = 0;
        for (var i = 0; i < InnerLoop; i++)
        {
            if (BindingRules.Decide(status, observed).Kind == c.Expected)
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>A lock state, the device seen, and the verdict the rules must give.</summary>
public sealed record VerdictCase(string Name, LockStatus Status, Imei Observed, VerdictKind Expected)
{
    public override string ToString() => Name;
}
