using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Benchmarks.Support;

/// <summary>The enforcer benchmarks' inner loop: one RADIUS-like observation per SIM, counting the expected verdicts.</summary>
public static class BenchObservations
{
    public static int Observe(BindingEnforcer enforcer, Imsi[] imsis, Imei[] devices, VerdictKind expected)
    {
        var n = 0;
        for (var i = 0; i < imsis.Length; i++)
        {
            var observation = new Observation
            {
                Imsi = imsis[i],
                Pei = new Pei(devices[i], PeiKind.Imeisv16, PeiWireForm.Ascii, 1, null),
                AtUnixMs = 1_724_568_000_000 + i,
                Source = ObservationSource.RadiusAccounting,
                NasIp = 0xC000020A,
            };
            if (enforcer.Observe(observation) == expected)
            {
                n++;
            }
        }

        return n;
    }
}
