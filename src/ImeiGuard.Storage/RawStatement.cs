using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ImeiGuard.Storage;

/// <summary>
/// One prepared statement on a connection's own handle, bound and stepped through SQLitePCL directly. Why not a
/// <see cref="SqliteCommand"/>: each execution of one allocates a binder per parameter, boxes every integer and, for a
/// query, a data reader; the sighting flush runs three statements per SIM, and those allocations (about 1 KB a row)
/// were what the garbage collector stopped the receive path for (docs/performance.md). It runs inside whatever
/// transaction the connection has open, like the commands around it.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to its first row: true when there is one (read it with <see cref="Int64"/>), false when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>Ready for the next binding; the bound values stay until rebound.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
