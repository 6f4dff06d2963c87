using System.Globalization;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>The binding_rules table (schema step 3): one row per SIM with explicit rules or a policy override.</summary>
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
        cmd.Parameters.AddWithValue("$devices", string.Join(',', rules.Devices.Select(static d => d.ToString())));
        cmd.Parameters.AddWithValue("$tacs", string.Join(',', rules.Tacs.Select(static t => t.ToString("D8", CultureInfo.InvariantCulture))));
        cmd.Parameters.AddWithValue("$prefixes", string.Join(',', rules.Prefixes.Select(static p => p.ToString())));
        var policy = rules.Policy;
        cmd.Parameters.AddWithValue("$onMismatch", policy?.OnMismatch is { } m ? (int)m : DBNull.Value);
        cmd.Parameters.AddWithValue("$onMissing", policy?.OnMissingImei is { } n ? (int)n : DBNull.Value);
        cmd.Parameters.AddWithValue("$autoResume", policy?.AutoResume is { } a ? (a ? 1 : 0) : DBNull.Value);
        cmd.Parameters.AddWithValue("$minInterval", policy?.MinEpisodeIntervalMs is { } i ? i : DBNull.Value);
        cmd.Parameters.AddWithValue("$onUnknown", policy?.OnUnknownLocation is { } u ? (int)u : DBNull.Value);
        cmd.Parameters.AddWithValue("$plmns", string.Join(',', rules.Regions?.Plmns.Select(static p => p.ToString()) ?? []));
        cmd.Parameters.AddWithValue("$areas", string.Join(',', rules.Regions?.Areas.Select(RegionRules.FormatArea) ?? []));
        cmd.Parameters.AddWithValue("$circles", string.Join(';', rules.Regions?.Circles.Select(static c => string.Create(
            CultureInfo.InvariantCulture, $"{c.Center.Latitude:R}:{c.Center.Longitude:R}:{c.RadiusM:R}")) ?? []));
        cmd.Parameters.AddWithValue("$anyDevice", rules.AnyDevice ? 1 : 0);
        cmd.ExecuteNonQuery();
    }

    private static DeviceRules ReadRules(SqliteDataReader r, int first)
    {
        var devices = Split(r.GetString(first)).Select(static d => Imei.TryParse(d, out var imei) ? imei : default);
        var tacs = Split(r.GetString(first + 1)).Select(static t => uint.Parse(t, CultureInfo.InvariantCulture));
        var prefixes = Split(r.GetString(first + 2)).Select(static p => ImeiPrefix.TryParse(p, out var prefix) ? prefix : default).Where(static p => p.Digits > 0);
        var hasPolicy = !r.IsDBNull(first + 3) || !r.IsDBNull(first + 4) || !r.IsDBNull(first + 5) || !r.IsDBNull(first + 6) || !r.IsDBNull(first + 9);
        var policy = !hasPolicy ? null : new PolicyOverride
        {
            OnMismatch = r.IsDBNull(first + 3) ? null : (MismatchAction)r.GetInt32(first + 3),
            OnMissingImei = r.IsDBNull(first + 4) ? null : (MissingImeiAction)r.GetInt32(first + 4),
            AutoResume = r.IsDBNull(first + 5) ? null : r.GetInt64(first + 5) != 0,
            MinEpisodeIntervalMs = r.IsDBNull(first + 6) ? null : r.GetInt64(first + 6),
            OnUnknownLocation = r.IsDBNull(first + 9) ? null : (UnknownLocationAction)r.GetInt32(first + 9),
        };
        var regions = new RegionRules(
            Split(r.GetString(first + 7)).Select(static p => PlmnId.TryParse(p, out var plmn) ? plmn : default).Where(static p => !p.IsEmpty),
            Split(r.GetString(first + 8)).Select(static a => RegionRules.TryParseArea(a, out var area) ? area : (1u, 0u)).Where(static a => a.Item1 <= a.Item2),
            r.GetString(first + 10).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(ParseCircle));
        return new DeviceRules(devices, tacs, prefixes, policy, regions, anyDevice: r.GetInt64(first + 11) != 0);
    }

    private static GeoCircle ParseCircle(string text)
    {
        var parts = text.Split(':');
        return new GeoCircle(
            new GeoPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
