using System.Diagnostics;
using System.Globalization;
using ImeiGuard.Benchmarks.Support;
using ImeiGuard.Storage;

namespace ImeiGuard.Benchmarks.Commands;

/// <summary>
/// <c>seed-store DIR</c>: writes the load generator's population of LOCKED bindings (as <see cref="GeneratedBindingStore"/>
/// yields them) into a real daemon store at DIR/imeiguard.db, so that <c>imeiguard replay FILE --data-dir DIR</c> can be
/// timed deciding against the same table as <c>capture-decide</c>. Put DIR on tmpfs: every binding is its own transaction.
/// </summary>
internal static class SeedStoreCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            Console.Error.WriteLine("usage: seed-store DIR [--subscribers N] [--bindings-percent P]");
            return 2;
        }

        var subscribers = 100_000;
        var lockedPercent = 50;
        for (var i = 1; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--subscribers": subscribers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--bindings-percent": lockedPercent = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        Directory.CreateDirectory(args[0]);
        var clock = Stopwatch.StartNew();
        using var db = new SqliteDatabase(Path.Combine(args[0], "imeiguard.db"));
        var store = new SqliteBindingStore(db);
        var written = 0;
        foreach (var record in new GeneratedBindingStore(subscribers, lockedPercent).LoadAll())
        {
            store.SaveTransition(record, []);
            written++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bindings={written} seconds={clock.Elapsed.TotalSeconds:F1} store={db.FilePath}"));
        return 0;
    }
}
