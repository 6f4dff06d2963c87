namespace ImeiGuard.Redis;

/// <summary>
/// The outbox's Lua scripts. Every outbox key carries the hash tag <c>{outbox}</c> (command hashes and per-SIM
/// queues are named from a prefix passed in ARGV, in the same slot), so each script is atomic on one slot.
/// A command hash holds: seq id kind imsi key payload created status attempts next delivered http error disc eid.
/// Delivery history entries are "atMs|kind|code|detail".
/// </summary>
public sealed partial class RedisOutboxStore
{
    /// <summary>
    /// Idempotent insert (by idempotency key): sequence, command hash, indexes, the SIM's queue and a stream
    /// entry for the dispatchers' consumer group. KEYS: seq, keys, all, pending, pending_created, disconnect, stream.
    /// ARGV: command prefix, queue prefix, id, kind, imsi, key, payload, created. Returns the sequence.
    /// </summary>
    private const string EnqueueScript = """
        local existing = redis.call('HGET', KEYS[2], ARGV[6])
        if existing then return tonumber(existing) end
        local seq = redis.call('INCR', KEYS[1])
        local c = ARGV[1] .. seq
        redis.call('HSET', c, 'seq', seq, 'id', ARGV[3], 'kind', ARGV[4], 'imsi', ARGV[5], 'key', ARGV[6], 'payload', ARGV[7],
          'created', ARGV[8], 'status', 0, 'attempts', 0, 'next', 0, 'disc', 0)
        redis.call('HSET', KEYS[2], ARGV[6], seq)
        redis.call('ZADD', KEYS[3], seq, seq)
        redis.call('ZADD', KEYS[4], seq, seq)
        redis.call('ZADD', KEYS[5], ARGV[8], seq)
        redis.call('RPUSH', ARGV[2] .. ARGV[5], seq)
        if ARGV[4] == 'block' then redis.call('ZADD', KEYS[6], ARGV[8], seq) end
        redis.call('HSET', c, 'eid', redis.call('XADD', KEYS[7], '*', 'seq', seq))
        return seq
        """;

    /// <summary>
    /// One dispatcher pass for this consumer: claim entries idle too long in a dead consumer's hands (XAUTOCLAIM),
    /// read new ones (XREADGROUP &gt;), then walk every entry this consumer holds (XREADGROUP 0, which also resets
    /// their idle time: a live consumer keeps what it holds). Entries of finished commands are acknowledged; a
    /// pending command is due when it heads its SIM's queue and its next-attempt time has come. The stream is
    /// trimmed below the oldest pending command (entries and sequences grow together). KEYS: stream, pending.
    /// ARGV: group, consumer, claim idle ms, max, now ms, command prefix, queue prefix. Returns the due command hashes.
    /// </summary>
    private const string DueScript = """
        redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
        local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
        if #oldest == 0 then
          redis.call('XTRIM', KEYS[1], 'MAXLEN', 0)
        else
          local eid = redis.call('HGET', ARGV[6] .. oldest[1], 'eid')
          if eid then redis.call('XTRIM', KEYS[1], 'MINID', eid) end
        end
        redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4], 'JUSTID')
        redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[4], 'STREAMS', KEYS[1], '>')
        local held = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1000, 'STREAMS', KEYS[1], '0')
        local due = {}
        if not held then return due end
        for _, e in ipairs(held[1][2]) do
          local f = e[2]
          local seq = f and f[2]
          local c = seq and (ARGV[6] .. seq)
          local status = c and redis.call('HGET', c, 'status')
          if status ~= '0' then
            redis.call('XACK', KEYS[1], ARGV[1], e[1])
          elseif #due < tonumber(ARGV[4]) then
            local imsi = redis.call('HGET', c, 'imsi')
            if redis.call('LINDEX', ARGV[7] .. imsi, 0) == seq and tonumber(redis.call('HGET', c, 'next')) <= tonumber(ARGV[5]) then
              due[#due + 1] = redis.call('HGETALL', c)
            end
          end
        end
        return due
        """;

    // Takes a finished command out of the pending indexes and its SIM's queue, and acknowledges its stream entry.
    private const string Finish = """
        local function finish(c, seq, pending, pending_created, stream, group, queue_prefix)
          redis.call('ZREM', pending, seq)
          redis.call('ZREM', pending_created, seq)
          redis.call('LREM', queue_prefix .. redis.call('HGET', c, 'imsi'), 1, seq)
          local eid = redis.call('HGET', c, 'eid')
          if eid then redis.call('XACK', stream, group, eid) end
        end
        """;

    /// <summary>KEYS: pending, pending_created, delivered, stream. ARGV: command prefix, queue prefix, events prefix, seq, at, http, group, event.</summary>
    private const string DeliveredScript = Finish + "\n" + """
        local c = ARGV[1] .. ARGV[4]
        if redis.call('EXISTS', c) == 0 then return 0 end
        redis.call('HSET', c, 'status', 1, 'delivered', ARGV[5], 'http', ARGV[6])
        redis.call('HINCRBY', c, 'attempts', 1)
        redis.call('HDEL', c, 'error')
        redis.call('ZADD', KEYS[3], ARGV[4], ARGV[4])
        finish(c, ARGV[4], KEYS[1], KEYS[2], KEYS[4], ARGV[7], ARGV[2])
        redis.call('RPUSH', ARGV[3] .. ARGV[4], ARGV[8])
        return 1
        """;

    /// <summary>KEYS: any outbox key (routing only). ARGV: command prefix, events prefix, seq, next attempt ms, http ('' = none), error, event.</summary>
    private const string FailedScript = """
        local c = ARGV[1] .. ARGV[3]
        if redis.call('EXISTS', c) == 0 then return 0 end
        redis.call('HINCRBY', c, 'attempts', 1)
        redis.call('HSET', c, 'next', ARGV[4], 'error', ARGV[6])
        if ARGV[5] == '' then redis.call('HDEL', c, 'http') else redis.call('HSET', c, 'http', ARGV[5]) end
        redis.call('RPUSH', ARGV[2] .. ARGV[3], ARGV[7])
        return 1
        """;

    /// <summary>KEYS: pending, pending_created, dead, stream. ARGV: command prefix, queue prefix, events prefix, cutoff ms, at ms, group.</summary>
    private const string DeadLetterScript = Finish + "\n" + """
        local out = {}
        for _, seq in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4])) do
          local c = ARGV[1] .. seq
          redis.call('HSET', c, 'status', 2)
          redis.call('ZADD', KEYS[3], seq, seq)
          finish(c, seq, KEYS[1], KEYS[2], KEYS[4], ARGV[6], ARGV[2])
          local event = ARGV[5] .. '|dead_lettered|' .. (redis.call('HGET', c, 'http') or '') .. '|' .. (redis.call('HGET', c, 'error') or '')
          redis.call('RPUSH', ARGV[3] .. seq, event)
          out[#out + 1] = redis.call('HGETALL', c)
        end
        return out
        """;

    /// <summary>A page of an index. KEYS: the index. ARGV: command prefix, start, stop, '1' = newest first. Returns {total, hashes…}.</summary>
    private const string QueryScript = """
        local seqs
        if ARGV[4] == '1' then seqs = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[3], 'REV') else seqs = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[3]) end
        local out = {redis.call('ZCARD', KEYS[1])}
        for _, seq in ipairs(seqs) do out[#out + 1] = redis.call('HGETALL', ARGV[1] .. seq) end
        return out
        """;

    /// <summary>KEYS: pending, pending_created, dead. Returns {pending, {oldest seq, created} or {}, dead}.</summary>
    private const string StatsScript = """
        return {redis.call('ZCARD', KEYS[1]), redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES'), redis.call('ZCARD', KEYS[3])}
        """;

    /// <summary>
    /// Takes blocks created since a time off the awaiting-disconnect index (older ones are dropped: too late to
    /// act on), so that exactly one instance sends each Disconnect-Request. KEYS: disconnect. ARGV: command prefix, since ms, max.
    /// </summary>
    private const string ClaimDisconnectScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
        local out = {}
        for _, seq in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
          redis.call('ZREM', KEYS[1], seq)
          out[#out + 1] = redis.call('HGETALL', ARGV[1] .. seq)
        end
        return out
        """;

    /// <summary>KEYS: any outbox key (routing only). ARGV: command prefix, events prefix, seq, outcome, event.</summary>
    private const string DisconnectScript = """
        local c = ARGV[1] .. ARGV[3]
        if redis.call('EXISTS', c) == 0 then return 0 end
        redis.call('HSET', c, 'disc', ARGV[4])
        redis.call('RPUSH', ARGV[2] .. ARGV[3], ARGV[5])
        return 1
        """;
}
