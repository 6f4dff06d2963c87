using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// The embedded database: one SQLite file in WAL mode with synchronous=FULL, so a committed transition
/// and its outbox commands survive a power cut. All writes go through one connection under a lock
/// (SQLite has one writer anyway); reads use pooled connections and do not block the writer in WAL mode.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly SqliteConnection _writer;
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        FilePath = path;
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        SqliteSchema.Apply(_writer);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Runs <paramref name="work"/> inside one write transaction.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writeGate)
        {
            using var tx = _writer.BeginTransaction();
            var result = work(_writer, tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>Runs a read on a pooled connection.</summary>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return work(connection);
    }

    /// <summary>True when a trivial query succeeds (readiness).</summary>
    public bool IsReachable()
    {
        try
        {
            return Read(static c =>
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT 1";
                return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
            });
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            _writer.Dispose();
        }
    }
}
