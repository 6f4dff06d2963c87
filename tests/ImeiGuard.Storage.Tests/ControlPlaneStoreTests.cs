using ImeiGuard.Core.Audit;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Storage.Tests;

/// <summary>The control plane's tables over a real SQLite file: inventory, audit log, cross-SIM listings, each tenant-filtered.</summary>
public sealed class ControlPlaneStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imeiguard-cp-store-").FullName;
    private readonly SqliteDatabase _db;

    public ControlPlaneStoreTests() => _db = new SqliteDatabase(Path.Combine(_dir, "imeiguard.db"));

    [Fact]
    public void Inventory_UpsertAllThenRead_PagesInImsiOrderPerTenant()
    {
        var registry = new SqliteSubscriberRegistry(_db);
        registry.UpsertAll([Sim(3, "acme", "b"), Sim(1, "acme", "a;x"), Sim(2, "globex"), Sim(4, null)]);
        registry.UpsertAll([Sim(2, "globex", "moved")]);

        var (acme, acmeTotal) = registry.List(0, 10, "acme");
        Assert.Equal(2, acmeTotal);
        Assert.Equal(["262010000000001", "262010000000003"], acme.Select(s => Imsi.FromPacked(s.ImsiPacked).ToString()));
        var (page, total) = registry.List(1, 3, null);
        Assert.Equal(4, total);
        Assert.Single(page);
        var updated = registry.Find(Imsi.FromPacked(Sim(2, null).ImsiPacked))!;
        Assert.Equal(["moved"], updated.Labels!);
        Assert.Equal(["a", "x"], registry.Find(Imsi.FromPacked(Sim(1, null).ImsiPacked))!.Labels!);
        Assert.Null(registry.Find(ParseImsi("262019999999999")));
    }

    [Fact]
    public void AuditLog_List_NewestFirstFilteredByTenantAndTarget()
    {
        var audit = new SqliteAuditLog(_db);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        audit.Record(new AuditEntry(at, "ops", "acme", "subscriber.put", "imsi:1", null, "{\"a\":1}", "c-1"));
        audit.Record(new AuditEntry(at.AddSeconds(1), "ops", "globex", "subscriber.put", "imsi:2", null, "{}", null));
        audit.Record(new AuditEntry(at.AddSeconds(2), "portal", "acme", "rules.put", "imsi:1", "{\"a\":1}", "{\"a\":2}", null));

        var (all, total) = audit.List(0, 10, null, null);
        Assert.Equal(3, total);
        Assert.Equal(["rules.put", "subscriber.put", "subscriber.put"], all.Select(e => e.Action));
        Assert.True(all[0].Id > all[1].Id);

        var (acme, acmeTotal) = audit.List(0, 10, "acme", "imsi:1");
        Assert.Equal(2, acmeTotal);
        Assert.Equal(("{\"a\":1}", "{\"a\":2}", "portal"), (acme[0].Before, acme[0].After, acme[0].Actor));
        Assert.Equal(("c-1", at), (acme[1].Correlator, acme[1].At));
        Assert.Equal(0, audit.List(0, 10, "globex", "imsi:1").Total);
    }

    [Fact]
    public void BindingQueries_ByStateKindAndTenant()
    {
        var directory = new SubscriberDirectory(new SqliteSubscriberRegistry(_db));
        directory.RegisterAll([Sim(1, "acme"), Sim(2, "acme"), Sim(3, "globex")]);
        var enforcer = new BindingEnforcer(new SqliteBindingStore(_db), directory, TimeProvider.System);
        foreach (var n in (int[])[1, 2, 3])
        {
            enforcer.Apply(Imsi.FromPacked(Sim(n, null).ImsiPacked), LockAction.Enable);
        }

        enforcer.Apply(Imsi.FromPacked(Sim(2, null).ImsiPacked), LockAction.Disable);
        var queries = new SqliteBindingQueries(_db);

        Assert.Equal(1, queries.ListBindings(LockState.Armed, "acme", 0, 10).Total);
        Assert.Equal(3, queries.ListBindings(null, null, 0, 10).Total);
        Assert.Equal(Imsi.FromPacked(Sim(2, null).ImsiPacked), Assert.Single(queries.ListBindings(LockState.Disabled, null, 0, 10).Items));
        var (events, eventTotal) = queries.ListEvents(["enable", "disable"], "acme", 0, 10);
        Assert.Equal(3, eventTotal);
        Assert.Equal("disable", events[0].Event.Kind);
        Assert.Equal(0, queries.ListEvents(["violation"], null, 0, 10).Total);
    }

    private static RegisteredSubscriber Sim(int n, string? tenant, string? labels = null) =>
        new(ParseImsi($"2620100000{n:D5}").Packed, 0, null, tenant, labels?.Split(';'));

    private static Imsi ParseImsi(string s) => Imsi.TryParse(s, out var v) ? v : throw new ArgumentException(s);

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
