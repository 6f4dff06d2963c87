using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Daemon.ControlPlane.Inventory;

/// <summary>One rejected row of an import: its line number in the file (the header is line 1), the column and why.</summary>
internal sealed record RowError(int Row, string Column, string Message);

/// <summary>
/// The CSV of a bulk import: a header naming the columns (imsi required; iccid, msisdn, tenant, labels
/// optional, any order, case-insensitive), then one SIM per line; labels separated by ';'. Plain fields
/// only: no value of these columns can contain a comma or a quote, so quoting is refused rather than parsed.
/// Every row is validated before anything is stored.
/// </summary>
internal static class SubscriberCsv
{
    /// <summary>Most rejected rows listed in one answer; the count beyond is in the message.</summary>
    public const int MaxReportedErrors = 1000;

    private static readonly string[] KnownColumns = ["imsi", "iccid", "msisdn", "tenant", "labels"];

    public static (List<RegisteredSubscriber> Rows, List<RowError> Errors) Parse(string text, Caller caller, ISubscriberInventory inventory)
    {
        var rows = new List<RegisteredSubscriber>();
        var errors = new List<RowError>();
        var lines = text.Split('\n');
        if (!TryReadHeader(lines[0], out var columns, out var headerError))
        {
            errors.Add(headerError);
            return (rows, errors);
        }

        var firstRowOf = new Dictionary<ulong, int>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var row = i + 1;
            var cells = line.Split(',');
            if (cells.Length != columns.Count)
            {
                errors.Add(new RowError(row, "*", $"Expected {columns.Count} fields, found {cells.Length}"));
                continue;
            }

            if (line.Contains('"', StringComparison.Ordinal))
            {
                errors.Add(new RowError(row, "*", "Quoted fields are not supported"));
                continue;
            }

            string? Cell(string name) => columns.TryGetValue(name, out var index) ? cells[index].Trim() : null;
            var labels = Cell("labels")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!SubscriberInput.TryBuild(Cell("imsi")!, Cell("msisdn"), Cell("iccid"), Cell("tenant"), labels, caller, inventory, out var subscriber, out var problem))
            {
                errors.Add(new RowError(row, problem.Column, problem.Message));
                continue;
            }

            if (!firstRowOf.TryAdd(subscriber.ImsiPacked, row))
            {
                errors.Add(new RowError(row, "imsi", $"Duplicate of row {firstRowOf[subscriber.ImsiPacked]}"));
                continue;
            }

            rows.Add(subscriber);
        }

        return (rows, errors);
    }

    private static bool TryReadHeader(string line, out Dictionary<string, int> columns, out RowError error)
    {
        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        error = null!;
        var names = line.TrimEnd('\r').Split(',');
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim().TrimStart('\uFEFF');
            if (!KnownColumns.Contains(name, StringComparer.OrdinalIgnoreCase) || !columns.TryAdd(name, i))
            {
                error = new RowError(1, name, $"Unknown or repeated column; the header names imsi and any of {string.Join(", ", KnownColumns[1..])}");
                return false;
            }
        }

        if (!columns.ContainsKey("imsi"))
        {
            error = new RowError(1, "imsi", "The header must name the imsi column");
            return false;
        }

        return true;
    }
}
