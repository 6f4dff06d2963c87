using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Storage;

/// <summary>Registered subscribers (IMSI with MSISDN, ICCID and owning tenant).</summary>
public sealed class SqliteSubscriberRegistry : ISubscriberRegistry
{
    private readonly SqliteDatabase _db;

    public SqliteSubscriberRegistry(SqliteDatabase db) => _db = db;

    public IReadOnlyList<RegisteredSubscriber> LoadAll() => _db.Read(static c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT imsi, msisdn, iccid, tenant FROM subscribers";
        using var r = cmd.ExecuteReader();
        var list = new List<RegisteredSubscriber>();
        while (r.Read())
        {
            list.Add(new RegisteredSubscriber(unchecked((ulong)r.GetInt64(0)), unchecked((ulong)r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }

        return list;
    });

    public void Upsert(RegisteredSubscriber s) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO subscribers (imsi, msisdn, iccid, tenant) VALUES ($imsi, $msisdn, $iccid, $tenant)
            ON CONFLICT(imsi) DO UPDATE SET msisdn = excluded.msisdn, iccid = excluded.iccid, tenant = excluded.tenant
            """;
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)s.ImsiPacked));
        cmd.Parameters.AddWithValue("$msisdn", unchecked((long)s.MsisdnPacked));
        cmd.Parameters.AddWithValue("$iccid", (object?)s.Iccid ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tenant", (object?)s.Tenant ?? DBNull.Value);
        return cmd.ExecuteNonQuery();
    });
}
