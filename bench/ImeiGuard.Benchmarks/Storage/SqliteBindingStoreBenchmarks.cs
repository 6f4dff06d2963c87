using BenchmarkDotNet.Attributes;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Storage;

namespace ImeiGuard.Benchmarks.Storage;

/// <summary>
/// The durable write of a transition: the binding row, and for a violation the block command appended to the outbox,
/// in one SQLite transaction (WAL, synchronous=FULL, so one fsync per commit) on a file under the temp directory.
/// This is the cold path of a decision; its cost is dominated by the disk's flush latency. Returns rows committed.
/// <see cref="SaveSightings"/> is the write-behind of last sightings, per SIM, for a flush of <see cref="FlushedSims"/>.
/// </summary>
public class SqliteBindingStoreBenchmarks
{
    private string _directory = "";
    private SqliteDatabase _database = null!;
    private SqliteBindingStore _store = null!;
    private BindingRecord _record = null!;
    private long _episode;

    public const int FlushedSims = 10_000;

    private BindingRecord[] _sightings = [];

    // Each write is a compare-and-set on the row's version (the store contract), so every write names the next one.
    private long _version;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("imeiguard-bench-").FullName;
        _database = new SqliteDatabase(Path.Combine(_directory, "imeiguard.db"));
        _store = new SqliteBindingStore(_database);
        _record = Support.GeneratedBindingStore.Locked(0);
        _store.SaveTransition(_record with { Version = ++_version }, []);

        // Every SIM of the flush bound and last seen on its own device, shuffled as a table enumeration leaves them.
        var random = new Random(5);
        _sightings = new BindingRecord[FlushedSims];
        for (var i = 0; i < FlushedSims; i++)
        {
            var record = Support.GeneratedBindingStore.Locked(i + 1);
            _store.SaveTransition(record with { Version = 1 }, []);
            _sightings[i] = record with { LastSeen = new Sighting { AtUnixMs = 1_724_568_000_000 + i, Imei = record.BoundImei, NasIp = 0xC000020A } };
        }

        random.Shuffle(_sightings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A pairing: the binding row only.</summary>
    [Benchmark]
    public int SaveTransition()
    {
        _store.SaveTransition(_record with { Episode = ++_episode, Version = ++_version }, []);
        return 1;
    }

    /// <summary>A violation: the block command built as the enforcer builds it, then binding row + outbox row in one commit.</summary>
    [Benchmark]
    public int SaveTransitionWithBlock()
    {
        var next = new LockStatus(LockState.Violated, _record.BoundImei, SubscriberPopulation.OtherDevice(0), ++_episode);
        var observation = new Observation
        {
            Imsi = _record.Imsi,
            Pei = new(next.ViolatingImei, ImeiGuard.Protocols.Identifiers.PeiKind.Imeisv16, ImeiGuard.Protocols.Identifiers.PeiWireForm.Ascii, 1, null),
            AtUnixMs = 1_724_568_000_000,
            Source = ObservationSource.RadiusAccounting,
            NasIp = 0xC000020A,
            NasIdentifier = "pgw-01"u8,
            SessionId = "9E3779B1-0000"u8,
            SourceName = "loopback",
        };
        var block = CommandFactory.Block(next, _record.Imsi, observation, SubscriberAliases.None, DateTimeOffset.UtcNow);
        _store.SaveTransition(_record with { State = LockState.Violated, ViolatingImei = next.ViolatingImei, Episode = next.Episode, Version = ++_version }, [block]);
        return 1;
    }

    /// <summary>One SIM's share of a sighting flush: last_seen, the device pairing and the cloned-IMEI check.</summary>
    [Benchmark(OperationsPerInvoke = FlushedSims)]
    public int SaveSightings()
    {
        // The return value counts cloned IMEIs (none here: every SIM has its own device); the rows are the operations.
        _store.SaveSightings(_sightings);
        return FlushedSims;
    }
}
