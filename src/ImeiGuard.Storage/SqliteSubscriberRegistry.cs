using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Storage;

/// <summary>Registered subscribers (IMSI with MSISDN and ICCID).</summary>
public sealed class SqliteSubscriberRegistry : ISubscriberRegistry
{
    private readonly SqliteDatabase _db;

    public SqliteSubscriberRegistry(SqliteDatabase db) => _db = db;

    public IReadOnlyList<RegisteredSubscriber> LoadAll() => _db.Read(static c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT imsi, msisdn, iccid FROM subscribers";
        using var r = cmd.ExecuteReader();
        var list = new List<RegisteredSubscriber>();
        while (r.Read())
        {
            list.Add(new RegisteredSubscriber(unchecked((ulong)r.GetInt64(0)), unchecked((ulong)r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetString(2)));
        }

        return list;
    });

    public void Upsert(RegisteredSubscriber s) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO subscribers (imsi, msisdn, iccid) VALUES ($imsi, $msisdn, $iccid)
            ON CONFLICT(imsi) DO UPDATE SET msisdn = excluded.msisdn, iccid = excluded.iccid
            """;
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)s.ImsiPacked));
        cmd.Parameters.AddWithValue("$msisdn", unchecked((long)s.MsisdnPacked));
        cmd.Parameters.AddWithValue("$iccid", (object?)s.Iccid ?? DBNull.Value);
        return cmd.ExecuteNonQuery();
    });
}
