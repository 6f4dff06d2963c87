using System.Globalization;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using StackExchange.Redis;

namespace ImeiGuard.Redis;

/// <summary>Last-seen write-behind, history, device pairings and cloned-IMEI detection.</summary>
public sealed partial class RedisBindingStore
{
    public int SaveSightings(IReadOnlyList<BindingRecord> records)
    {
        var clones = 0;
        foreach (var record in records)
        {
            var seen = record.LastSeen;
            var device = seen.IsPresent && !seen.Imei.IsEmpty ? (RedisValue)ImeiValue(seen.Imei) : RedisValue.EmptyString;
            _redis.Script(
                SightingScript,
                [_keys.Binding(record.Imsi), _keys.Pairings(record.Imsi)],
                [SightingCodec.Encode(seen), seen.AtUnixMs, device]);
            clones += DetectClone(record);
        }

        return clones;
    }

    /// <summary>
    /// Looks for the record's last device on another SIM within the clone window, and flags it once per
    /// window on this SIM. Two scripts on two slots (the device's index, then the SIM): detection is advisory,
    /// so the gap between them only risks a flag that comes one sighting late.
    /// </summary>
    private int DetectClone(BindingRecord record)
    {
        var seen = record.LastSeen;
        if (!seen.IsPresent || seen.Imei.IsEmpty)
        {
            return 0;
        }

        var since = seen.AtUnixMs - _cloneWindowMs;
        var other = _redis.Script(
            CloneIndexScript,
            [_keys.Device(seen.Imei)],
            [record.Imsi.ToString(), seen.AtUnixMs, since, _cloneWindowMs * 2]);
        if (other.IsNull)
        {
            return 0;
        }

        var flag = new BindingEvent(seen.AtUnixMs, "cloned_imei", seen.Imei, default, record.Episode, (string)other!);
        var flagged = _redis.Script(
            CloneFlagScript,
            [_keys.Clones(record.Imsi), _keys.History(record.Imsi)],
            [ImeiValue(seen.Imei), seen.AtUnixMs, since, EncodeEvent(flag)]);
        return (long)flagged == 1 ? 1 : 0;
    }

    public (IReadOnlyList<BindingEvent> Items, long Total) ReadHistory(Imsi imsi, int page, int size)
    {
        var key = _keys.History(imsi);
        var total = _redis.Run(db => db.ListLength(key));
        var start = (long)page * size;
        var items = _redis.Run(db => db.ListRange(key, start, start + size - 1));
        return ([.. items.Select(static v => DecodeEvent(v.ToString()))], total);
    }

    public (IReadOnlyList<DevicePairing> Items, long Total) ReadPairings(Imsi imsi, int page, int size)
    {
        var all = _redis.Run(db => db.HashGetAll(_keys.Pairings(imsi)))
            .Select(static e =>
            {
                var span = e.Value.ToString();
                var sep = span.IndexOf(':', StringComparison.Ordinal);
                return new DevicePairing(
                    ImeiFrom((long)e.Name),
                    long.Parse(span[..sep], CultureInfo.InvariantCulture),
                    long.Parse(span[(sep + 1)..], CultureInfo.InvariantCulture));
            })
            .OrderByDescending(static p => p.LastSeenUnixMs)
            .ThenBy(static p => p.Imei.Value)
            .ToList();
        return ([.. all.Skip(page * size).Take(size)], all.Count);
    }

    /// <summary>Reads the SIM's whole history: it is short, and only a RESET asks (the rebind quota).</summary>
    public long CountEvents(Imsi imsi, string kind, long sinceUnixMs) =>
        _redis.Run(db => db.ListRange(_keys.History(imsi)))
            .Select(static v => DecodeEvent(v.ToString()))
            .LongCount(e => e.Kind == kind && e.AtUnixMs >= sinceUnixMs);
}
