using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>Lock operations: written before the API acknowledges them, completed when applied.</summary>
public sealed class SqliteOperationStore : IOperationStore
{
    private const string Columns = "request_id, id_type, id_value, action, status, error_code, error_message, imsi, requested_by, created_at_ms, completed_at_ms, tenant, correlator, result";
    private readonly SqliteDatabase _db;

    public SqliteOperationStore(SqliteDatabase db) => _db = db;

    public void Create(LockOperation o) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO operations ({Columns}) VALUES ($id, $type, $value, $action, $status, NULL, NULL, NULL, $by, $created, NULL, $tenant, $correlator, NULL)";
        cmd.Parameters.AddWithValue("$id", o.RequestId);
        cmd.Parameters.AddWithValue("$type", (int)o.IdentifierType);
        cmd.Parameters.AddWithValue("$value", o.IdentifierValue);
        cmd.Parameters.AddWithValue("$action", (int)o.Action);
        cmd.Parameters.AddWithValue("$status", (int)o.Status);
        cmd.Parameters.AddWithValue("$by", (object?)o.RequestedBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$created", o.CreatedAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$tenant", (object?)o.Tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$correlator", (object?)o.Correlator ?? DBNull.Value);
        return cmd.ExecuteNonQuery();
    });

    public void Complete(LockOperation o) => _db.Write((c, tx) =>
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE operations SET status = $status, error_code = $code, error_message = $message, imsi = $imsi, completed_at_ms = $done, result = $result WHERE request_id = $id";
        cmd.Parameters.AddWithValue("$id", o.RequestId);
        cmd.Parameters.AddWithValue("$status", (int)o.Status);
        cmd.Parameters.AddWithValue("$code", (object?)o.ErrorCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$message", (object?)o.ErrorMessage ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$imsi", (object?)o.Imsi ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$done", o.CompletedAt is null ? DBNull.Value : o.CompletedAt.Value.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$result", o.Counts is { } n ? FormatCounts(n) : DBNull.Value);
        return cmd.ExecuteNonQuery();
    });

    public LockOperation? Find(string requestId) => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM operations WHERE request_id = $id";
        cmd.Parameters.AddWithValue("$id", requestId);
        var list = ReadAll(cmd);
        return list.Count == 0 ? null : list[0];
    });

    public IReadOnlyList<LockOperation> ListInProgress() => _db.Read(static c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM operations WHERE status = 0 ORDER BY created_at_ms";
        return ReadAll(cmd);
    });

    private static List<LockOperation> ReadAll(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<LockOperation>();
        while (r.Read())
        {
            list.Add(new LockOperation
            {
                RequestId = r.GetString(0),
                IdentifierType = (IdentifierType)r.GetInt32(1),
                IdentifierValue = r.GetString(2),
                Action = (LockAction)r.GetInt32(3),
                Status = (OperationStatus)r.GetInt32(4),
                ErrorCode = r.IsDBNull(5) ? null : r.GetString(5),
                ErrorMessage = r.IsDBNull(6) ? null : r.GetString(6),
                Imsi = r.IsDBNull(7) ? null : r.GetString(7),
                RequestedBy = r.IsDBNull(8) ? null : r.GetString(8),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
                CompletedAt = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                Tenant = r.IsDBNull(11) ? null : r.GetString(11),
                Correlator = r.IsDBNull(12) ? null : r.GetString(12),
                Counts = r.IsDBNull(13) ? null : ParseCounts(r.GetString(13)),
            });
        }

        return list;
    }

    private static string FormatCounts(AccountCounts n) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"total\":{n.Total},\"changed\":{n.Changed},\"unchanged\":{n.Unchanged},\"failed\":{n.Failed}}}");

    private static AccountCounts ParseCounts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new AccountCounts(root.GetProperty("total").GetInt32(), root.GetProperty("changed").GetInt32(), root.GetProperty("unchanged").GetInt32(), root.GetProperty("failed").GetInt32());
    }
}
