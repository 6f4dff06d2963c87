using System.Globalization;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>
/// The binding hash's fields (docs/redis.md): st state, bi/vi bound/violating device (identity + 1, 0 = none),
/// ep episode, ao alert-only, ea episode start, fs/ls first/last sighting (<see cref="SightingCodec"/>, 52 octets),
/// lsat last sighting time, up updated (ms), v version; with rules: r=1 and the <see cref="DeviceRulesText"/> fields.
/// fs is written only by a record that has a first sighting (a pairing); the scripts set the fields they are given, so
/// every other write keeps the stored one. History events are "atMs|kind|device+1|other+1|episode|detail".
/// </summary>
public sealed partial class RedisBindingStore
{
    private static List<RedisValue> StateFields(BindingRecord record)
    {
        List<RedisValue> fields =
        [
            "st", (int)record.State,
            "bi", ImeiValue(record.BoundImei),
            "vi", ImeiValue(record.ViolatingImei),
            "ep", record.Episode,
            "ao", record.AlertOnly ? 1 : 0,
            "ea", record.EpisodeAtMs,
            "ls", SightingCodec.Encode(record.LastSeen),
            "lsat", record.LastSeen.AtUnixMs,
            "up", record.UpdatedAt.ToUnixTimeMilliseconds(),
            "v", record.Version,
        ];
        if (record.FirstSeen is { } first)
        {
            fields.AddRange(["fs", SightingCodec.Encode(first)]);
        }

        return fields;
    }

    private static void AddRuleFields(List<RedisValue> fields, DeviceRules rules)
    {
        var text = DeviceRulesText.From(rules);
        fields.AddRange(["r", 1, "rd", text.Devices, "rt", text.Tacs, "rp", text.Prefixes, "rpl", text.Plmns, "ra", text.Areas, "rc", text.Circles]);
        AddIfSet(fields, "pm", text.OnMismatch);
        AddIfSet(fields, "pi", text.OnMissingImei);
        AddIfSet(fields, "par", text.AutoResume is { } a ? (a ? 1 : 0) : null);
        AddIfSet(fields, "pmi", text.MinEpisodeIntervalMs);
        AddIfSet(fields, "pul", text.OnUnknownLocation);
        AddIfSet(fields, "rany", text.AnyDevice ? 1 : null);
    }

    private static void AddIfSet(List<RedisValue> fields, string name, long? value)
    {
        if (value is { } v)
        {
            fields.Add(name);
            fields.Add(v);
        }
    }

    /// <summary>A binding from its hash (HGETALL as name/value pairs); null when the hash is empty.</summary>
    internal static BindingRecord? Decode(Imsi imsi, HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var f = new Dictionary<string, RedisValue>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries)
        {
            f[e.Name!] = e.Value;
        }

        return Decode(imsi, f);
    }

    /// <summary>The same from a script's reply (a flat name, value, name, value… array).</summary>
    internal static BindingRecord? Decode(Imsi imsi, RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        if (items.Length == 0)
        {
            return null;
        }

        var f = new Dictionary<string, RedisValue>(items.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            f[(string)items[i]!] = (RedisValue)items[i + 1];
        }

        return Decode(imsi, f);
    }

    private static BindingRecord Decode(Imsi imsi, Dictionary<string, RedisValue> f) => new()
    {
        Imsi = imsi,
        State = (LockState)Long(f, "st"),
        BoundImei = ImeiFrom(Long(f, "bi")),
        ViolatingImei = ImeiFrom(Long(f, "vi")),
        Episode = Long(f, "ep"),
        AlertOnly = Long(f, "ao") != 0,
        EpisodeAtMs = Long(f, "ea"),
        FirstSeen = f.TryGetValue("fs", out var fs) ? SightingCodec.Read((byte[])fs!) : default(Sighting),
        LastSeen = f.TryGetValue("ls", out var ls) ? SightingCodec.Read((byte[])ls!) : default,
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(f, "up")),
        Version = Long(f, "v"),
        Rules = Long(f, "r") == 0 ? null : new DeviceRulesText(
            Text(f, "rd"), Text(f, "rt"), Text(f, "rp"), Text(f, "rpl"), Text(f, "ra"), Text(f, "rc"),
            NullableInt(f, "pm"), NullableInt(f, "pi"), f.ContainsKey("par") ? Long(f, "par") != 0 : null,
            f.ContainsKey("pmi") ? Long(f, "pmi") : null, NullableInt(f, "pul"), Long(f, "rany") != 0).ToRules(),
    };

    private static long Long(Dictionary<string, RedisValue> f, string name) => f.TryGetValue(name, out var v) && v.HasValue ? (long)v : 0;

    private static int? NullableInt(Dictionary<string, RedisValue> f, string name) => f.ContainsKey(name) ? (int)Long(f, name) : null;

    private static string Text(Dictionary<string, RedisValue> f, string name) => f.TryGetValue(name, out var v) ? v.ToString() : string.Empty;

    // 0 = no device; otherwise the 14 identity digits plus one (as the SQLite columns).
    private static long ImeiValue(Imei imei) => imei.IsEmpty ? 0 : (long)imei.Value + 1;

    private static Imei ImeiFrom(long value) => value == 0 ? default : Imei.FromValue((ulong)value - 1);

    private static string EncodeEvent(BindingEvent e) => string.Create(
        CultureInfo.InvariantCulture, $"{e.AtUnixMs}|{e.Kind}|{ImeiValue(e.Imei)}|{ImeiValue(e.OtherImei)}|{e.Episode}|{e.Detail}");

    private static BindingEvent DecodeEvent(string text)
    {
        var parts = text.Split('|', 6);
        return new BindingEvent(
            long.Parse(parts[0], CultureInfo.InvariantCulture),
            parts[1],
            ImeiFrom(long.Parse(parts[2], CultureInfo.InvariantCulture)),
            ImeiFrom(long.Parse(parts[3], CultureInfo.InvariantCulture)),
            long.Parse(parts[4], CultureInfo.InvariantCulture),
            parts[5].Length == 0 ? null : parts[5]);
    }
}
