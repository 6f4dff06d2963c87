using System.Globalization;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The text form in which stores keep <see cref="DeviceRules"/> (SQLite columns, Redis hash fields): lists of
/// digits separated by ',' (14-digit identities, 8-digit TACs, prefixes, "262-01" PLMNs, "41904" or
/// "41900-41999" areas), CIRCLE areas as "lat:lon:radiusMetres" separated by ';' (invariant culture), and the
/// policy override's members as numbers, null meaning "the global default", and whether any device is allowed
/// (a region restriction without a device lock).
/// </summary>
public sealed record DeviceRulesText(
    string Devices,
    string Tacs,
    string Prefixes,
    string Plmns,
    string Areas,
    string Circles,
    int? OnMismatch,
    int? OnMissingImei,
    bool? AutoResume,
    long? MinEpisodeIntervalMs,
    int? OnUnknownLocation,
    bool AnyDevice = false)
{
    public static DeviceRulesText From(DeviceRules rules)
    {
        var policy = rules.Policy;
        return new DeviceRulesText(
            string.Join(',', rules.Devices.Select(static d => d.ToString())),
            string.Join(',', rules.Tacs.Select(static t => t.ToString("D8", CultureInfo.InvariantCulture))),
            string.Join(',', rules.Prefixes.Select(static p => p.ToString())),
            string.Join(',', rules.Regions?.Plmns.Select(static p => p.ToString()) ?? []),
            string.Join(',', rules.Regions?.Areas.Select(RegionRules.FormatArea) ?? []),
            string.Join(';', rules.Regions?.Circles.Select(static c => string.Create(
                CultureInfo.InvariantCulture, $"{c.Center.Latitude:R}:{c.Center.Longitude:R}:{c.RadiusM:R}")) ?? []),
            policy?.OnMismatch is { } m ? (int)m : null,
            policy?.OnMissingImei is { } n ? (int)n : null,
            policy?.AutoResume,
            policy?.MinEpisodeIntervalMs,
            policy?.OnUnknownLocation is { } u ? (int)u : null,
            rules.AnyDevice);
    }

    public DeviceRules ToRules()
    {
        var devices = Split(Devices).Select(static d => Imei.TryParse(d, out var imei) ? imei : default);
        var tacs = Split(Tacs).Select(static t => uint.Parse(t, CultureInfo.InvariantCulture));
        var prefixes = Split(Prefixes).Select(static p => ImeiPrefix.TryParse(p, out var prefix) ? prefix : default).Where(static p => p.Digits > 0);
        var hasPolicy = OnMismatch is not null || OnMissingImei is not null || AutoResume is not null || MinEpisodeIntervalMs is not null || OnUnknownLocation is not null;
        var policy = !hasPolicy ? null : new PolicyOverride
        {
            OnMismatch = OnMismatch is { } m ? (MismatchAction)m : null,
            OnMissingImei = OnMissingImei is { } n ? (MissingImeiAction)n : null,
            AutoResume = AutoResume,
            MinEpisodeIntervalMs = MinEpisodeIntervalMs,
            OnUnknownLocation = OnUnknownLocation is { } u ? (UnknownLocationAction)u : null,
        };
        var regions = new RegionRules(
            Split(Plmns).Select(static p => PlmnId.TryParse(p, out var plmn) ? plmn : default).Where(static p => !p.IsEmpty),
            Split(Areas).Select(static a => RegionRules.TryParseArea(a, out var area) ? area : (1u, 0u)).Where(static a => a.Item1 <= a.Item2),
            Circles.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(ParseCircle));
        return new DeviceRules(devices, tacs, prefixes, policy, regions, anyDevice: AnyDevice);
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
