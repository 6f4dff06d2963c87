using ImeiGuard.Core.Bindings;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// Writes more rows in the same transaction as a binding transition (the CAMARA notifications it causes), so the
/// transition and what follows from it commit together or not at all. Called only for transitions, never per
/// packet; it should cost nothing for a SIM nobody watches.
/// </summary>
public interface ITransitionHook
{
    void OnTransition(SqliteConnection connection, SqliteTransaction transaction, BindingRecord record, BindingEvent historyEvent);
}
