using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>The store contract on the embedded store: a real SQLite file in a temporary directory.</summary>
public sealed class SqliteStoreContractTests : BindingStoreContractTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imeiguard-store-").FullName;

    protected override StoreNode Open(BindingPolicy? policy = null, ImeiGuardMetrics? metrics = null, int rebindLimit = 0) =>
        new SqliteNode(new SqliteDatabase(Path.Combine(_dir, "imeiguard.db")), policy, metrics, rebindLimit);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    internal sealed class SqliteNode(SqliteDatabase db, BindingPolicy? policy, ImeiGuardMetrics? metrics, int rebindLimit)
        : StoreNode(new SqliteBindingStore(db), new SqliteOutboxStore(db), policy, metrics, rebindLimit)
    {
        public SqliteDatabase Database => db;

        public override void Insert(params OutboxEntry[] entries) => db.Write((c, tx) =>
        {
            foreach (var entry in entries)
            {
                SqliteOutboxStore.Insert(c, tx, entry);
            }

            return 0;
        });

        public override void Dispose()
        {
            db.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
