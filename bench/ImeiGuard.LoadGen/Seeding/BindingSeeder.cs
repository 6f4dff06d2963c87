using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Storage;

namespace ImeiGuard.LoadGen.Seeding;

/// <summary>
/// Prepares a daemon database before the daemon starts: <c>lockedPercent</c> of the subscribers (those with
/// <c>i % 100 &lt; lockedPercent</c>) are LOCKED to their own device, so the generated traffic exercises the hit path (lookup, lock, verdict, last-seen
/// update) and not only the miss of an unknown SIM. One transaction, so seeding 100k bindings takes a second.
/// </summary>
internal static class BindingSeeder
{
    private const int LockedState = 2; // LockState.Locked

    /// <summary>Returns the number of bindings written.</summary>
    public static int Seed(string databasePath, int subscribers, int lockedPercent)
    {
        using var db = new SqliteDatabase(databasePath);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return db.Write((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT OR REPLACE INTO bindings (imsi, state, bound_imei, violating_imei, episode, first_seen, last_seen, updated_at_ms)
                VALUES ($imsi, $state, $bound, 0, 0, NULL, NULL, $updated)
                """;
            var imsi = insert.Parameters.Add("$imsi", Microsoft.Data.Sqlite.SqliteType.Integer);
            var bound = insert.Parameters.Add("$bound", Microsoft.Data.Sqlite.SqliteType.Integer);
            insert.Parameters.AddWithValue("$state", LockedState);
            insert.Parameters.AddWithValue("$updated", now);
            insert.Prepare();
            var written = 0;
            for (var i = 0; i < subscribers; i++)
            {
                if (i % 100 >= lockedPercent)
                {
                    continue;
                }

                imsi.Value = unchecked((long)SubscriberPopulation.Imsi(i).Packed);
                bound.Value = (long)SubscriberPopulation.Device(i).Value + 1; // the store's column form: 14 digits + 1
                insert.ExecuteNonQuery();
                written++;
            }

            return written;
        });
    }
}
