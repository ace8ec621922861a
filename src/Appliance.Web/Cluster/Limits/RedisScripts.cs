namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// The Lua scripts of the cluster limits. Each runs atomically in Redis and takes the time from Redis (TIME), so every
/// node counts on one clock (Redis 5+ replicates a script's effects, which makes TIME safe in a writing script).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// GCRA (virtual scheduling, no burst), as <see cref="Appliance.Mta.Shaping.RateGate"/> does in process:
    /// KEYS[1] holds the theoretical arrival time in µs; ARGV[1] is the interval in µs. Reserves the next slot and
    /// returns the µs to wait for it; the key lives until its slot has passed.
    /// </summary>
    public const string Gcra = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        local slot = math.max(tat, now)
        local nexttat = slot + tonumber(ARGV[1])
        redis.call('SET', KEYS[1], string.format('%.0f', nexttat), 'PX', math.ceil((nexttat - now) / 1000) + 1000)
        return math.floor(slot - now)
        """;

    /// <summary>
    /// A connection lease: KEYS[1] is a sorted set of lease ids scored by expiry (ms); ARGV = id, limit, ttl ms.
    /// Expired leases are dropped first (a crashed node's slots free themselves); returns 1 when granted.
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
        return 1
        """;

    /// <summary>Renews a lease (ARGV = id, ttl ms); returns 0 when it had expired meanwhile (it is held again then).</summary>
    public const string Renew = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
        if held and tonumber(held) > now then return 1 end
        return 0
        """;
}
