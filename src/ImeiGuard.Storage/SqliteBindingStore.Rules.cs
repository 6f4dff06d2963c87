using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The binding_rules table (schema step 3): one row per SIM with explicit rules or a policy override, in <see cref="DeviceRulesText"/> form.</summary>
public sealed partial class SqliteBindingStore
{
    private static void WriteRules(SqliteConnection c, SqliteTransaction tx, Imsi imsi, DeviceRules? rules)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("$imsi", unchecked((long)imsi.Packed));
        if (rules is null)
        {
            cmd.CommandText = "DELETE FROM binding_rules WHERE imsi = $imsi";
            cmd.ExecuteNonQuery();
            return;
        }

        cmd.CommandText = """
            INSERT OR REPLACE INTO binding_rules (imsi, devices, tacs, imei_prefixes, on_mismatch, on_missing_imei, auto_resume,
                min_episode_interval_ms, plmns, areas, on_unknown_location, circles, any_device)
            VALUES ($imsi, $devices, $tacs, $prefixes, $onMismatch, $onMissing, $autoResume, $minInterval, $plmns, $areas, $onUnknown, $circles, $anyDevice)
            """;
        var text = DeviceRulesText.From(rules);
        cmd.Parameters.AddWithValue("$devices", text.Devices);
        cmd.Parameters.AddWithValue("$tacs", text.Tacs);
        cmd.Parameters.AddWithValue("$prefixes", text.Prefixes);
        cmd.Parameters.AddWithValue("$onMismatch", (object?)text.OnMismatch ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$onMissing", (object?)text.OnMissingImei ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$autoResume", text.AutoResume is { } a ? (a ? 1 : 0) : DBNull.Value);
        cmd.Parameters.AddWithValue("$minInterval", (object?)text.MinEpisodeIntervalMs ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$onUnknown", (object?)text.OnUnknownLocation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$plmns", text.Plmns);
        cmd.Parameters.AddWithValue("$areas", text.Areas);
        cmd.Parameters.AddWithValue("$circles", text.Circles);
        cmd.Parameters.AddWithValue("$anyDevice", text.AnyDevice ? 1 : 0);
        cmd.ExecuteNonQuery();
    }

    private static DeviceRules ReadRules(SqliteDataReader r, int first) => new DeviceRulesText(
        Devices: r.GetString(first),
        Tacs: r.GetString(first + 1),
        Prefixes: r.GetString(first + 2),
        Plmns: r.GetString(first + 7),
        Areas: r.GetString(first + 8),
        Circles: r.GetString(first + 10),
        OnMismatch: r.IsDBNull(first + 3) ? null : r.GetInt32(first + 3),
        OnMissingImei: r.IsDBNull(first + 4) ? null : r.GetInt32(first + 4),
        AutoResume: r.IsDBNull(first + 5) ? null : r.GetInt64(first + 5) != 0,
        MinEpisodeIntervalMs: r.IsDBNull(first + 6) ? null : r.GetInt64(first + 6),
        OnUnknownLocation: r.IsDBNull(first + 9) ? null : r.GetInt32(first + 9),
        AnyDevice: r.GetInt64(first + 11) != 0).ToRules();
}
