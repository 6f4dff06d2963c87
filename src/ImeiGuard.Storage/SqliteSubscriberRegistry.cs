using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>Registered subscribers (IMSI with MSISDN, ICCID, owning tenant and labels).</summary>
public sealed class SqliteSubscriberRegistry : ISubscriberRegistry, ISubscriberInventory
{
    private const char LabelSeparator = ';';

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

    public void Upsert(RegisteredSubscriber s) => UpsertAll([s]);

    /// <summary>One transaction for the whole batch: a bulk import is applied entirely or not at all.</summary>
    public void UpsertAll(IReadOnlyList<RegisteredSubscriber> subscribers) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO subscribers (imsi, msisdn, iccid, tenant, labels) VALUES ($imsi, $msisdn, $iccid, $tenant, $labels)
            ON CONFLICT(imsi) DO UPDATE SET msisdn = excluded.msisdn, iccid = excluded.iccid, tenant = excluded.tenant, labels = excluded.labels
            """;
        var imsi = cmd.Parameters.Add("$imsi", SqliteType.Integer);
        var msisdn = cmd.Parameters.Add("$msisdn", SqliteType.Integer);
        var iccid = cmd.Parameters.Add("$iccid", SqliteType.Text);
        var tenant = cmd.Parameters.Add("$tenant", SqliteType.Text);
        var labels = cmd.Parameters.Add("$labels", SqliteType.Text);
        cmd.Prepare();
        foreach (var s in subscribers)
        {
            imsi.Value = unchecked((long)s.ImsiPacked);
            msisdn.Value = unchecked((long)s.MsisdnPacked);
            iccid.Value = (object?)s.Iccid ?? DBNull.Value;
            tenant.Value = (object?)s.Tenant ?? DBNull.Value;
            labels.Value = s.Labels is { Count: > 0 } l ? string.Join(LabelSeparator, l) : string.Empty;
            cmd.ExecuteNonQuery();
        }

        return subscribers.Count;
    });

    public RegisteredSubscriber? Find(Imsi imsi) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT imsi, msisdn, iccid, tenant, labels FROM subscribers WHERE imsi = $imsi";
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        var list = ReadAll(cmd);
        return list.Count == 0 ? null : list[0];
    });

    public (IReadOnlyList<RegisteredSubscriber> Items, long Total) List(int page, int size, string? tenant) => _db.Read(c =>
    {
        const string Filter = "WHERE $tenant IS NULL OR tenant = $tenant";
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM subscribers {Filter}";
        count.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        var total = (long)count.ExecuteScalar()!;
        using var cmd = c.CreateCommand();
        // Packed IMSIs sort like the digits for IMSIs of one length; the inventory is paged in that order.
        cmd.CommandText = $"SELECT imsi, msisdn, iccid, tenant, labels FROM subscribers {Filter} ORDER BY imsi LIMIT $size OFFSET $offset";
        cmd.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$offset", (long)page * size);
        return ((IReadOnlyList<RegisteredSubscriber>)ReadAll(cmd), total);
    });

    private static List<RegisteredSubscriber> ReadAll(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<RegisteredSubscriber>();
        while (r.Read())
        {
            list.Add(new RegisteredSubscriber(
                unchecked((ulong)r.GetInt64(0)), unchecked((ulong)r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4).Split(LabelSeparator, StringSplitOptions.RemoveEmptyEntries)));
        }

        return list;
    }
}
