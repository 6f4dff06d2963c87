namespace ImeiGuard.Redis;

/// <summary>
/// The binding store's Lua scripts. Each touches the keys of one SIM only (hash tag <c>{imsi}</c>), or one
/// device's clone index (<c>{imei}</c>), so each runs on one cluster slot in one round-trip.
/// </summary>
public sealed partial class RedisBindingStore
{
    // Shared by the transition and the sighting scripts: widen the SIM's pairing with this device to
    // [min(first, at), max(last, at)]. KEYS[pairings] is a hash of device -> "firstMs:lastMs".
    private const string UpsertPairing = """
        local function upsert_pairing(key, imei, at)
          local first, last = at, at
          local cur = redis.call('HGET', key, imei)
          if cur then
            local sep = string.find(cur, ':', 1, true)
            first = math.min(tonumber(string.sub(cur, 1, sep - 1)), at)
            last = math.max(tonumber(string.sub(cur, sep + 1)), at)
          end
          redis.call('HSET', key, imei, string.format('%d:%d', first, last))
        end
        """;

    /// <summary>
    /// Compare-and-set write of a binding with everything that belongs to it. KEYS: binding, history, owed, pairings,
    /// CAMARA watchers, owed notifications. ARGV: expected version, channel, invalidation message, mode (state | rules |
    /// rules_clear), n, n field/value pairs, history event ('' = none), pairing device ('' = none), pairing time, m,
    /// m owed commands, the watchers' version the notifications were made from ('' = none made), then the owed
    /// notifications. Fields not given keep their stored values (fs, the first sighting, is given only by a pairing).
    /// Returns {1} when written, {0, current fields} when the stored version is not the expected one,
    /// {2} when the watchers moved (nothing written: the caller makes the notifications again).
    /// </summary>
    private const string SaveScript = UpsertPairing + "\n" + """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return {0, redis.call('HGETALL', KEYS[1])} end
        local n = tonumber(ARGV[5])
        local i = 6 + 2 * n
        local w = i + 4 + tonumber(ARGV[i + 3])
        if ARGV[w] ~= '' and (redis.call('HGET', KEYS[5], 'v') or '0') ~= ARGV[w] then return {2} end
        if ARGV[4] ~= 'state' then
          redis.call('HDEL', KEYS[1], 'r', 'rd', 'rt', 'rp', 'rpl', 'ra', 'rc', 'pm', 'pi', 'par', 'pmi', 'pul', 'rany')
        end
        local fields = {}
        for k = 6, i - 1 do fields[#fields + 1] = ARGV[k] end
        redis.call('HSET', KEYS[1], unpack(fields))
        if ARGV[i] ~= '' then redis.call('LPUSH', KEYS[2], ARGV[i]) end
        if ARGV[i + 1] ~= '' then upsert_pairing(KEYS[4], ARGV[i + 1], tonumber(ARGV[i + 2])) end
        for k = i + 4, w - 1 do redis.call('RPUSH', KEYS[3], ARGV[k]) end
        for k = w + 1, #ARGV do redis.call('RPUSH', KEYS[6], ARGV[k]) end
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return {1}
        """;

    /// <summary>
    /// Write-behind of the last sighting: never creates a binding and never replaces a later sighting (another
    /// instance may have flushed one). KEYS: binding, pairings. ARGV: sighting bytes, its time, device ('' = none).
    /// </summary>
    private const string SightingScript = UpsertPairing + "\n" + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local at = tonumber(ARGV[2])
        if at >= tonumber(redis.call('HGET', KEYS[1], 'lsat') or '0') then
          redis.call('HSET', KEYS[1], 'ls', ARGV[1], 'lsat', ARGV[2])
        end
        if ARGV[3] ~= '' then upsert_pairing(KEYS[2], ARGV[3], at) end
        return 1
        """;

    /// <summary>
    /// A device's clone index: records that the SIM was seen with it, forgets sightings older than the window,
    /// and returns another SIM seen with it within the window (or nil). KEYS: device index. ARGV: imsi, time, window start, TTL ms.
    /// </summary>
    private const string CloneIndexScript = """
        redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf')) do
          if m ~= ARGV[1] then return m end
        end
        return false
        """;

    /// <summary>
    /// Flags a cloned device on a SIM once per window. KEYS: the SIM's clone flags, history.
    /// ARGV: device, time, window start, history event. Returns 1 when flagged now.
    /// </summary>
    private const string CloneFlagScript = """
        local last = redis.call('HGET', KEYS[1], ARGV[1])
        if last and tonumber(last) >= tonumber(ARGV[3]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('LPUSH', KEYS[2], ARGV[4])
        return 1
        """;
}
