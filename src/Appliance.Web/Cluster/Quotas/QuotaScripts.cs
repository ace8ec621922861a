namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// The Lua scripts of the cluster-wide tenant quotas (docs/cluster.md, "Tenant quotas"). Each runs atomically in Redis,
/// so two nodes counting for one tenant at once cannot overshoot a quota together. Time comes from the node (ARGV: the
/// unix minute and the calendar periods), as the node-local counters take it from the injected clock.
/// </summary>
internal static class QuotaScripts
{
    /// <summary>
    /// Check (ARGV[8] = 0) or check-and-count (1) of ARGV[2] messages, one round trip per message.
    /// KEYS: 1 minute buckets (hash unix minute → count, the sliding hour), 2 hour buckets (hash unix hour → count, the
    /// sliding day in whole hours), 3 the month's count, 4 the UTC day's counts per sending domain (hash), 5 the
    /// warnings raised (set, once per window period cluster-wide), 6 the "seeded" marker.
    /// ARGV: 1 unix minute, 2 messages, 3 hourly, 4 daily, 5 monthly, 6 domain daily (-1 = none), 7 sending domain
    /// ("" = none), 8 acquire, 9 hour period, 10 day period, 11 month period.
    /// Returns {-1} while the marker is missing (the node seeds from the database first), else {allowed, window
    /// (0 none, 1 hour, 2 day, 3 month, 4 domain-day), unix second the refusing window frees (-1 never / calendar),
    /// hour, day, month, domain counts before, warnings "window:percent:used"...}.
    /// </summary>
    public const string Count = """
        if redis.call('EXISTS', KEYS[6]) == 0 then return {-1} end
        local minute = tonumber(ARGV[1])
        local n = tonumber(ARGV[2])
        local hourly, daily, monthly, ddaily = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
        local domain = ARGV[7]
        local hour = math.floor(minute / 60)
        local mins, hours = {}, {}
        local hsum, dsum = 0, 0
        local f = redis.call('HGETALL', KEYS[1])
        for i = 1, #f, 2 do
          local m, c = tonumber(f[i]), tonumber(f[i + 1])
          if m <= minute - 60 then redis.call('HDEL', KEYS[1], f[i])
          elseif m <= minute then hsum = hsum + c; mins[#mins + 1] = {m, c} end
        end
        f = redis.call('HGETALL', KEYS[2])
        for i = 1, #f, 2 do
          local h, c = tonumber(f[i]), tonumber(f[i + 1])
          if h <= hour - 24 then redis.call('HDEL', KEYS[2], f[i])
          elseif h <= hour then dsum = dsum + c; hours[#hours + 1] = {h, c} end
        end
        local msum = tonumber(redis.call('GET', KEYS[3]) or '0')
        local dd = 0
        if domain ~= '' then dd = tonumber(redis.call('HGET', KEYS[4], domain) or '0') end
        local function frees(list, sum, limit, span, width)
          table.sort(list, function(a, b) return a[1] < b[1] end)
          local remaining = sum
          for _, e in ipairs(list) do
            remaining = remaining - e[2]
            if remaining + n <= limit then return (e[1] + span) * width end
          end
          return -1
        end
        if monthly >= 0 and msum + n > monthly then return {0, 3, -1, hsum, dsum, msum, dd} end
        if daily >= 0 and dsum + n > daily then return {0, 2, frees(hours, dsum, daily, 24, 3600), hsum, dsum, msum, dd} end
        if hourly >= 0 and hsum + n > hourly then return {0, 1, frees(mins, hsum, hourly, 60, 60), hsum, dsum, msum, dd} end
        if ddaily >= 0 and domain ~= '' and dd + n > ddaily then return {0, 4, -1, hsum, dsum, msum, dd} end
        local result = {1, 0, 0, hsum, dsum, msum, dd}
        if ARGV[8] ~= '1' then return result end
        redis.call('HINCRBY', KEYS[1], minute, n)
        redis.call('EXPIRE', KEYS[1], 7200)
        redis.call('HINCRBY', KEYS[2], hour, n)
        redis.call('EXPIRE', KEYS[2], 90000)
        redis.call('INCRBY', KEYS[3], n)
        redis.call('EXPIRE', KEYS[3], 3456000)
        if domain ~= '' and ddaily >= 0 then
          redis.call('HINCRBY', KEYS[4], domain, n)
          redis.call('EXPIRE', KEYS[4], 172800)
        end
        local function crossed(window, limit, before, period, dom)
          if limit < 0 then return end
          local after = before + n
          for _, pct in ipairs({80, 100}) do
            local threshold = math.ceil(limit * pct / 100)
            if after >= threshold and before < threshold then
              if redis.call('SADD', KEYS[5], window .. ':' .. period .. ':' .. dom .. ':' .. pct) == 1 then
                result[#result + 1] = window .. ':' .. pct .. ':' .. after
              end
            end
          end
        end
        crossed(1, hourly, hsum, ARGV[9], '')
        crossed(2, daily, dsum, ARGV[10], '')
        crossed(3, monthly, msum, ARGV[11], '')
        if domain ~= '' then crossed(4, ddaily, dd, ARGV[10], domain) end
        redis.call('EXPIRE', KEYS[5], 3456000)
        return result
        """;

    /// <summary>
    /// Seeds the counters from the database once after Redis lost them: KEYS[1] is the marker; ARGV holds quadruples
    /// (key, field or "" for a plain counter, count, ttl seconds). Does nothing when the marker exists (another node
    /// seeded first); returns 1 when it seeded.
    /// </summary>
    public const string Seed = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        for i = 1, #ARGV, 4 do
          if ARGV[i + 1] == '' then redis.call('SET', ARGV[i], ARGV[i + 2])
          else redis.call('HSET', ARGV[i], ARGV[i + 1], ARGV[i + 2]) end
          redis.call('EXPIRE', ARGV[i], tonumber(ARGV[i + 3]))
        end
        redis.call('SET', KEYS[1], '1')
        return 1
        """;

    /// <summary>
    /// Adds counts a node made locally while Redis was away (the heal): ARGV holds quadruples (key, field or "", count,
    /// ttl seconds), added with HINCRBY/INCRBY.
    /// </summary>
    public const string Add = """
        for i = 1, #ARGV, 4 do
          if ARGV[i + 1] == '' then redis.call('INCRBY', ARGV[i], tonumber(ARGV[i + 2]))
          else redis.call('HINCRBY', ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])) end
          redis.call('EXPIRE', ARGV[i], tonumber(ARGV[i + 3]))
        end
        return 1
        """;
}
