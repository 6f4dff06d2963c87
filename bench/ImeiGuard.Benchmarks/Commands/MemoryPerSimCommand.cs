using System.Globalization;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Benchmarks.Commands;

/// <summary>
/// <c>memory [--sims N]</c>: measures (not estimates) the managed heap that the in-memory tables hold per SIM, as
/// the difference of <see cref="GC.GetTotalMemory(bool)"/> after full blocking collections around filling each table:
/// the binding table (the near cache the issue targets), the learned-identifier directory and the session table.
/// </summary>
internal static class MemoryPerSimCommand
{
    public static int Run(string[] args)
    {
        var sims = args is ["--sims", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000_000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sims={sims} gc_server={System.Runtime.GCSettings.IsServerGC}"));

        var before = Settle();
        var enforcer = BenchEnforcer.Create(sims);
        Report("binding_table", enforcer.Count, before, Settle());

        before = Settle();
        var directory = new SubscriberDirectory(new NoRegistry(), learnedCapacity: sims);
        Span<byte> digits = stackalloc byte[16];
        for (var i = 0; i < sims; i++)
        {
            _ = Msisdn.TryParse(digits[..SubscriberPopulation.WriteMsisdn(i, digits)], out var msisdn);
            directory.Learn(SubscriberPopulation.Imsi(i), msisdn, SubscriberPopulation.Device(i));
        }

        Report("learned_directory", sims, before, Settle());

        before = Settle();
        var sessions = new SessionTable(capacity: sims);
        for (var i = 0; i < sims; i++)
        {
            SubscriberPopulation.WriteHex((uint)i, 8, digits);
            _ = sessions.Upsert(SessionKey.Of(0x1_C000_020AUL, digits[..8]), SubscriberPopulation.Imsi(i), SubscriberPopulation.FramedIp(i), 0xC000020A, 1_724_568_000_000);
        }

        Report("session_table", sessions.Count, before, Settle());
        GC.KeepAlive(enforcer);
        GC.KeepAlive(directory);
        GC.KeepAlive(sessions);
        return 0;
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string table, long entries, long before, long after) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{table}: entries={entries} heap_bytes={after - before} bytes_per_sim={(double)(after - before) / entries:F1}"));

    private sealed class NoRegistry : ISubscriberRegistry
    {
        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
