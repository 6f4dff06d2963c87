using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Where the cell database comes from: a file named by <c>ImeiGuard:Policy:CellDatabasePath</c> (managed by the
/// operator's deployment), or else the last import over the control plane, kept as {DataDirectory}/cells.csv.
/// One source at a time, so a restart never silently brings back an older set of cells.
/// </summary>
internal sealed class CellDatabaseSource(string? configuredPath, string dataDirectory)
{
    public const string ImportedFileName = "cells.csv";

    /// <summary>The configured file, or null when imports over the control plane manage the cells.</summary>
    public string? ConfiguredPath { get; } = string.IsNullOrEmpty(configuredPath) ? null : configuredPath;

    public string ImportedPath { get; } = Path.Combine(dataDirectory, ImportedFileName);

    /// <summary>Reads the database at start. A configured file that is missing fails the start; no import yet means none.</summary>
    public CellDatabase? LoadAtStart()
    {
        var path = ConfiguredPath ?? (File.Exists(ImportedPath) ? ImportedPath : null);
        if (path is null)
        {
            return null;
        }

        using var reader = File.OpenText(path);
        return CellDatabase.Load(reader, out _);
    }
}
