namespace ImeiGuard.Redis;

/// <summary>
/// The CAMARA scripts. Every key they touch carries the hash tag <c>{camara}</c> (subscription and notification
/// hashes and per-subscription queues are named from prefixes passed in ARGV, in the same slot), so each script is
/// atomic on one slot. A subscription hash holds: id imsi type tenant owner sink token tokexp device expire max initial
/// sent status starts ended (absent = null; status 0 active, 1 expired, 2 deleted). A notification hash holds: seq sub
/// eid type payload sink token created status attempts next delivered http error sid (status 0 pending, 1 delivered,
/// 2 given up, 3 dropped; <c>sid</c> its stream entry).
/// </summary>
public sealed partial class RedisSubscriptionStore
{
    /// <summary>
    /// Shared by the scripts that queue or finish notifications. KEYS (always in this order): seq, eids, subs, active,
    /// expire, token, pending, pending_created, stream. ARGV[1..4]: subscription prefix, tenant-index prefix,
    /// notification prefix, queue prefix. <c>insert</c> is idempotent by event id and copies the sink and its
    /// credential into the notification, so a delivery reads one hash.
    /// </summary>
    private const string Common = """
        local SUB, TENANT, NOTE, QUEUE = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local function insert(sid, eid, etype, payload, created)
          if redis.call('HEXISTS', KEYS[2], eid) == 1 then return false end
          local s = SUB .. sid
          local sink = redis.call('HGET', s, 'sink')
          if not sink then return false end
          local seq = redis.call('INCR', KEYS[1])
          local n = NOTE .. seq
          redis.call('HSET', n, 'seq', seq, 'sub', sid, 'eid', eid, 'type', etype, 'payload', payload, 'sink', sink,
            'created', created, 'status', 0, 'attempts', 0, 'next', 0)
          local token = redis.call('HGET', s, 'token')
          if token then redis.call('HSET', n, 'token', token) end
          redis.call('HSET', KEYS[2], eid, seq)
          redis.call('ZADD', KEYS[7], seq, seq)
          redis.call('ZADD', KEYS[8], created, seq)
          redis.call('RPUSH', QUEUE .. sid, seq)
          redis.call('HSET', n, 'sid', redis.call('XADD', KEYS[9], '*', 'seq', seq))
          return true
        end
        local function finish(n, seq)
          redis.call('ZREM', KEYS[7], seq)
          redis.call('ZREM', KEYS[8], seq)
          redis.call('LREM', QUEUE .. redis.call('HGET', n, 'sub'), 1, seq)
          local sid = redis.call('HGET', n, 'sid')
          if sid then redis.call('XACK', KEYS[9], 'notify', sid) end
        end
        local function end_sub(sid, status, now)
          local s = SUB .. sid
          redis.call('HSET', s, 'status', status)
          redis.call('HSETNX', s, 'ended', now)
          redis.call('ZREM', KEYS[4], sid)
          redis.call('ZREM', KEYS[5], sid)
          if status == 2 then
            redis.call('ZREM', KEYS[3], sid)
            local tenant = redis.call('HGET', s, 'tenant')
            if tenant then redis.call('ZREM', TENANT .. tenant, sid) end
          end
        end
        -- A counted event that reaches subscriptionMaxEvents ends the subscription and queues subscription-ended after it.
        local function append(sid, eid, etype, payload, counted, created, now, ended_eid, ended_type, ended_payload)
          if redis.call('HGET', SUB .. sid, 'status') ~= '0' then return end
          if not insert(sid, eid, etype, payload, created) or counted ~= '1' then return end
          local sent = redis.call('HINCRBY', SUB .. sid, 'sent', 1)
          local max = redis.call('HGET', SUB .. sid, 'max')
          if max and sent >= tonumber(max) then
            end_sub(sid, 1, now)
            insert(sid, ended_eid, ended_type, ended_payload, now)
          end
        end
        """;

    /// <summary>
    /// Creates a subscription with its subscription-started event and, when given, its initial event. ARGV[5..]: id, now,
    /// tenant ('' none), starts, expire ('' none), token expiry ('' none), n, n field/value pairs, k events (eid, type,
    /// payload, counted), then the subscription-ended event for max events (eid, type, payload). Returns the status.
    /// </summary>
    private const string CreateScript = Common + "\n" + """
        local sid, now = ARGV[5], ARGV[6]
        local s = SUB .. sid
        local n = tonumber(ARGV[11])
        local fields = {}
        for k = 12, 11 + 2 * n do fields[#fields + 1] = ARGV[k] end
        redis.call('HSET', s, unpack(fields))
        redis.call('ZADD', KEYS[3], ARGV[8], sid)
        redis.call('ZADD', KEYS[4], ARGV[8], sid)
        if ARGV[7] ~= '' then redis.call('ZADD', TENANT .. ARGV[7], ARGV[8], sid) end
        if ARGV[9] ~= '' then redis.call('ZADD', KEYS[5], ARGV[9], sid) end
        if ARGV[10] ~= '' then redis.call('ZADD', KEYS[6], ARGV[10], sid) end
        local e = 12 + 2 * n
        local k = tonumber(ARGV[e])
        local ended = e + 1 + 4 * k
        for i = 0, k - 1 do
          local a = e + 1 + 4 * i
          append(sid, ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], now, now, ARGV[ended], ARGV[ended + 1], ARGV[ended + 2])
        end
        return tonumber(redis.call('HGET', s, 'status'))
        """;

    /// <summary>
    /// Queues one notification a transition owed (idempotent by event id; nothing for a subscription no longer active).
    /// ARGV[5..]: subscription id, event id, type, payload, counted ('1'/'0'), created ms, now ms, then the
    /// subscription-ended event for max events (eid, type, payload). Returns 1 when the subscription is no longer active.
    /// </summary>
    private const string AppendScript = Common + "\n" + """
        append(ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14])
        return redis.call('HGET', SUB .. ARGV[5], 'status') == '0' and 0 or 1
        """;

    /// <summary>
    /// Ends a subscription that is still active with the status given and queues its subscription-ended event.
    /// ARGV[5..]: id, status (1 expired, 2 deleted), now, event (eid, type, payload). For a delete also of an ended
    /// subscription (no event then). Returns {changed (0/1), was active (0/1), imsi}.
    /// </summary>
    private const string EndScript = Common + "\n" + """
        local sid, status, now = ARGV[5], tonumber(ARGV[6]), ARGV[7]
        local s = SUB .. sid
        local current = redis.call('HGET', s, 'status')
        if not current or current == '2' or (status == 1 and current ~= '0') then return {0, 0, ''} end
        end_sub(sid, status, now)
        if current == '0' then insert(sid, ARGV[8], ARGV[9], ARGV[10], now) end
        return {1, current == '0' and 1 or 0, redis.call('HGET', s, 'imsi')}
        """;

    /// <summary>
    /// The sink answered 410 Gone: an active subscription ends (a deleted one stays deleted) and every undelivered
    /// notification of it is dropped. ARGV[5..]: id, now. Returns the subscription's IMSI ('' when unknown).
    /// </summary>
    private const string GoneScript = Common + "\n" + """
        local sid = ARGV[5]
        local s = SUB .. sid
        local current = redis.call('HGET', s, 'status')
        if not current then return '' end
        if current == '0' then end_sub(sid, 1, ARGV[6]) end
        for _, seq in ipairs(redis.call('LRANGE', QUEUE .. sid, 0, -1)) do
          local n = NOTE .. seq
          redis.call('HSET', n, 'status', 3)
          finish(n, seq)
        end
        return redis.call('HGET', s, 'imsi')
        """;

    /// <summary>
    /// Subscriptions that are due to end: active, with an expire time up to now or a sink token expiring up to
    /// now + lead. ARGV[5..]: now, token cutoff. Returns {id, expire or ''} pairs.
    /// </summary>
    private const string DueToEndScript = Common + "\n" + """
        local out, seen = {}, {}
        local function add(sid)
          local s = SUB .. sid
          if seen[sid] or redis.call('HGET', s, 'status') ~= '0' then return end
          seen[sid] = true
          out[#out + 1] = sid
          out[#out + 1] = redis.call('HGET', s, 'expire') or ''
        end
        for _, sid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', ARGV[5])) do add(sid) end
        for _, sid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', ARGV[6])) do add(sid) end
        return out
        """;

    /// <summary>
    /// One dispatcher pass for this consumer, as the outbox's: claim entries idle too long in a dead consumer's hands,
    /// read new ones, walk the ones held (which keeps them this consumer's), acknowledge finished notifications, and
    /// return those that head their subscription's queue and are due. ARGV[5..]: consumer, claim idle ms, max, now.
    /// </summary>
    private const string DueScript = Common + "\n" + """
        local stream, group, max = KEYS[9], 'notify', tonumber(ARGV[7])
        redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
        local oldest = redis.call('ZRANGE', KEYS[7], 0, 0)
        if #oldest == 0 then
          redis.call('XTRIM', stream, 'MAXLEN', 0)
        else
          local sid = redis.call('HGET', NOTE .. oldest[1], 'sid')
          if sid then redis.call('XTRIM', stream, 'MINID', sid) end
        end
        redis.call('XAUTOCLAIM', stream, group, ARGV[5], ARGV[6], '0-0', 'COUNT', max, 'JUSTID')
        redis.call('XREADGROUP', 'GROUP', group, ARGV[5], 'COUNT', max, 'STREAMS', stream, '>')
        local held = redis.call('XREADGROUP', 'GROUP', group, ARGV[5], 'COUNT', 1000, 'STREAMS', stream, '0')
        local due = {}
        if not held then return due end
        for _, e in ipairs(held[1][2]) do
          local f = e[2]
          local seq = f and f[2]
          local n = seq and (NOTE .. seq)
          local status = n and redis.call('HGET', n, 'status')
          if status ~= '0' then
            redis.call('XACK', stream, group, e[1])
          elseif #due < max then
            local sub = redis.call('HGET', n, 'sub')
            if redis.call('LINDEX', QUEUE .. sub, 0) == seq and tonumber(redis.call('HGET', n, 'next')) <= tonumber(ARGV[8]) then
              due[#due + 1] = redis.call('HGETALL', n)
            end
          end
        end
        return due
        """;

    /// <summary>ARGV[5..]: seq, at ms, http status. Returns 1 when the notification existed.</summary>
    private const string DeliveredScript = Common + "\n" + """
        local n = NOTE .. ARGV[5]
        if redis.call('EXISTS', n) == 0 then return 0 end
        redis.call('HSET', n, 'status', 1, 'delivered', ARGV[6], 'http', ARGV[7])
        redis.call('HINCRBY', n, 'attempts', 1)
        redis.call('HDEL', n, 'error')
        finish(n, ARGV[5])
        return 1
        """;

    /// <summary>ARGV[5..]: seq, next attempt ms, http status ('' none), error. Returns 1 when the notification existed.</summary>
    private const string FailedScript = Common + "\n" + """
        local n = NOTE .. ARGV[5]
        if redis.call('EXISTS', n) == 0 then return 0 end
        redis.call('HINCRBY', n, 'attempts', 1)
        redis.call('HSET', n, 'next', ARGV[6], 'error', ARGV[8])
        if ARGV[7] == '' then redis.call('HDEL', n, 'http') else redis.call('HSET', n, 'http', ARGV[7]) end
        return 1
        """;

    /// <summary>
    /// Gives up notifications queued before the cutoff, and those of subscriptions whose sink token has expired (such
    /// a subscription leaves the token index once it is no longer active: nothing can be queued for it any more).
    /// ARGV[5..]: cutoff ms, now ms. Returns how many.
    /// </summary>
    private const string ExpireScript = Common + "\n" + """
        local count = 0
        local function give_up(seq)
          local n = NOTE .. seq
          if redis.call('HGET', n, 'status') == '0' then
            redis.call('HSET', n, 'status', 2)
            finish(n, seq)
            count = count + 1
          end
        end
        for _, seq in ipairs(redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', '(' .. ARGV[5])) do give_up(seq) end
        for _, sid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', ARGV[6])) do
          for _, seq in ipairs(redis.call('LRANGE', QUEUE .. sid, 0, -1)) do give_up(seq) end
          if redis.call('HGET', SUB .. sid, 'status') ~= '0' then redis.call('ZREM', KEYS[6], sid) end
        end
        return count
        """;

    /// <summary>A listing: the first ARGV[5] subscriptions of the index KEYS[1], oldest first (start time, then id).</summary>
    private const string ListScript = """
        local out = {}
        for _, sid in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)) do
          out[#out + 1] = redis.call('HGETALL', ARGV[1] .. sid)
        end
        return out
        """;

    /// <summary>
    /// Adds (ARGV[1] = '1') or removes a subscription from a SIM's watchers and moves their version, which every
    /// transition script of the SIM compares. KEYS: the SIM's watchers. ARGV: add, id, type and device ("type\ndevice").
    /// </summary>
    private const string WatchScript = """
        if ARGV[1] == '1' then
          redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        elseif redis.call('HDEL', KEYS[1], ARGV[2]) == 0 then
          return 0
        end
        return redis.call('HINCRBY', KEYS[1], 'v', 1)
        """;
}
