using System.Collections.Concurrent;
using System.Globalization;
using Appliance.Web.Cluster.Limits;
using Appliance.Web.Data;
using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// The cluster-wide <see cref="ITenantQuotaCounters"/> (issues 19 and 20): every node checks and counts a message in
/// one atomic Lua script (<see cref="QuotaScripts.Count"/>, one round trip, at most 60 minute and 24 hour fields per
/// tenant), so nodes accepting for one tenant at once cannot overshoot a quota together, and a 80 % / 100 % warning is
/// raised once for the cluster per period. The sliding hour counts in minute buckets as on a single node; the sliding
/// day counts in whole hours (the current hour and the 23 before it). The limits come from the node's
/// <see cref="TenantRateLimiter"/> (loaded from the shared database). The database stays the durable record: when the
/// counters are missing in Redis (a fresh or restarted Redis) the first node to notice seeds them from the database
/// (<see cref="SeedAsync"/>), and <see cref="RedisQuotaStore"/> writes the cluster totals back. While Redis is away
/// the node counts locally against its share of each quota (1/N, the month's remainder last seen divided by N) and
/// the cluster limits' Alert is raised (<see cref="ClusterLimitsConnection"/>); when Redis answers again the local
/// counts are added to the shared ones.
/// </summary>
public sealed partial class RedisTenantQuotaCounters : ITenantQuotaCounters
{
    private readonly ClusterLimitsConnection _redis;
    private readonly TenantRateLimiter _limits;
    private readonly IDbContextFactory<ApplianceDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisTenantQuotaCounters> _logger;
    private readonly TenantRateLimiter _fallback;
    private readonly ConcurrentDictionary<string, byte> _touched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _monthSeen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _seedLock = new(1, 1);

    public RedisTenantQuotaCounters(ClusterLimitsConnection redis, TenantRateLimiter limits, IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time,
        ILogger<RedisTenantQuotaCounters> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _limits = limits;
        _dbFactory = dbFactory;
        _time = time;
        _logger = logger;
        _fallback = new TenantRateLimiter(time);
        Keys = new RedisQuotaKeys(redis.Options);
        redis.Restored += () => _ = HealAsync();
    }

    /// <summary>The keys in use.</summary>
    public RedisQuotaKeys Keys { get; }

    /// <summary>The local counts while Redis is away (for tests and the heal).</summary>
    public TenantRateLimiter Fallback => _fallback;

    public TenantMessageLimits LimitsOf(string tenantId) => _limits.LimitsOf(tenantId);

    public TenantRateDecision Check(string tenantId, int messages = 1, string? senderDomain = null) =>
        Evaluate(tenantId, messages, senderDomain, acquire: false, out _);

    public TenantRateDecision TryAcquire(string tenantId, int messages, string? senderDomain, out IReadOnlyList<TenantQuotaWarning> warnings) =>
        Evaluate(tenantId, messages, senderDomain, acquire: true, out warnings);

    /// <summary>The cluster's counts (the node's local ones while Redis is away).</summary>
    public TenantUsage UsageOf(string tenantId)
    {
        if (Run(tenantId, TenantMessageLimits.Unlimited, 1, null, acquire: false) is { } r)
            return new TenantUsage((int)r[3], (int)r[4], (int)r[5]);
        return _fallback.UsageOf(tenantId);
    }

    /// <summary>The tenants counted on this node since the last call (their cluster totals are written back).</summary>
    public IReadOnlyList<string> TakeTouched()
    {
        var list = _touched.Keys.ToList();
        foreach (var t in list) _touched.TryRemove(t, out _);
        return list;
    }

    /// <summary>Marks tenants to be written back again (their write failed).</summary>
    public void Touch(IEnumerable<string> tenants)
    {
        foreach (var t in tenants) _touched.TryAdd(t, 0);
    }

    private TenantRateDecision Evaluate(string tenantId, int messages, string? senderDomain, bool acquire, out IReadOnlyList<TenantQuotaWarning> warnings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messages);
        warnings = [];
        var limits = LimitsOf(tenantId);
        if (!limits.CountsMessages) return TenantRateDecision.Allow(tenantId);
        var domain = limits.DomainDaily is null ? null : senderDomain;
        var now = _time.GetUtcNow();
        if (Run(tenantId, limits, messages, domain, acquire) is not { } r)
            return _fallback.TryAcquire(tenantId, FallbackLimits(tenantId, limits), messages, domain, acquire, out warnings);
        if (acquire) _touched.TryAdd(tenantId, 0);
        _monthSeen[tenantId] = (int)r[5] + (acquire && (int)r[0] == 1 ? messages : 0);
        if ((int)r[0] == 1)
        {
            if (r.Length > 7) warnings = Warnings(tenantId, limits, domain, r);
            return TenantRateDecision.Allow(tenantId);
        }
        var frees = (long)r[2];
        return (int)r[1] switch
        {
            3 => new TenantRateDecision(false, TenantLimitWindow.Month, limits.Monthly ?? 0, TenantRateLimiter.MonthStart(now).AddMonths(1) - now, tenantId, null, now),
            2 => new TenantRateDecision(false, TenantLimitWindow.Day, limits.Daily ?? 0, FreesIn(frees, now, TimeSpan.FromDays(1)), tenantId, null, now),
            1 => new TenantRateDecision(false, TenantLimitWindow.Hour, limits.Hourly ?? 0, FreesIn(frees, now, TimeSpan.FromHours(1)), tenantId, null, now),
            _ => new TenantRateDecision(false, TenantLimitWindow.DomainDay, limits.DomainDaily ?? 0, TenantRateLimiter.DayStart(now).AddDays(1) - now, tenantId, domain, now),
        };
    }

    private static TimeSpan FreesIn(long unixSeconds, DateTimeOffset now, TimeSpan never) =>
        unixSeconds < 0 ? never : TimeSpan.FromSeconds(Math.Max(1, unixSeconds - now.ToUnixTimeSeconds()));

    private static IReadOnlyList<TenantQuotaWarning> Warnings(string tenant, TenantMessageLimits limits, string? domain, RedisResult[] r)
    {
        var list = new List<TenantQuotaWarning>();
        for (var i = 7; i < r.Length; i++)
        {
            var parts = ((string)r[i]!).Split(':');
            var window = parts[0] switch { "1" => TenantLimitWindow.Hour, "2" => TenantLimitWindow.Day, "3" => TenantLimitWindow.Month, _ => TenantLimitWindow.DomainDay };
            var limit = window switch { TenantLimitWindow.Hour => limits.Hourly, TenantLimitWindow.Day => limits.Daily, TenantLimitWindow.Month => limits.Monthly, _ => limits.DomainDaily } ?? 0;
            list.Add(new TenantQuotaWarning(tenant, window, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), limit,
                window == TenantLimitWindow.DomainDay ? domain : null));
        }
        return list;
    }

    /// <summary>
    /// The node's share of each quota while Redis is away: 1/N of the hour, the day and the domain's day; of the month
    /// 1/N of what was left when this node last saw the cluster's count. A share rounds down but is at least one message
    /// while anything is left (a permanent 550 for a short outage would be wrong).
    /// </summary>
    public TenantMessageLimits FallbackLimits(string tenantId, TenantMessageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var nodes = _redis.FallbackDivisor;
        return limits with
        {
            Hourly = Share(limits.Hourly, 0, nodes),
            Daily = Share(limits.Daily, 0, nodes),
            Monthly = Share(limits.Monthly, _monthSeen.GetValueOrDefault(tenantId), nodes),
            DomainDaily = Share(limits.DomainDaily, 0, nodes),
        };
    }

    private static int? Share(int? limit, int used, int nodes)
    {
        if (limit is not { } l) return null;
        var left = Math.Max(0, l - used);
        return left == 0 ? 0 : Math.Max(1, left / Math.Max(1, nodes));
    }

    /// <summary>The script's answer, or null when Redis is away (the caller counts locally then).</summary>
    private RedisResult[]? Run(string tenantId, TenantMessageLimits limits, int messages, string? domain, bool acquire)
    {
        if (!_redis.TryShared()) return null;
        var now = _time.GetUtcNow();
        RedisKey[] keys = [Keys.Minutes(tenantId), Keys.Hours(tenantId), Keys.Month(tenantId, now), Keys.DomainDay(tenantId, now), Keys.Warnings(tenantId), Keys.Seeded];
        var u = now.UtcDateTime;
        RedisValue[] args =
        [
            TenantRateLimiter.MinuteOf(now), messages, limits.Hourly ?? -1, limits.Daily ?? -1, limits.Monthly ?? -1, limits.DomainDaily ?? -1, domain ?? "",
            acquire ? 1 : 0, u.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), u.ToString("yyyyMMdd", CultureInfo.InvariantCulture), u.ToString("yyyyMM", CultureInfo.InvariantCulture),
        ];
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var r = (RedisResult[])_redis.Database.ScriptEvaluate(QuotaScripts.Count, keys, args)!;
                if ((int)r[0] != -1) return r;
                // The counters are not in Redis (fresh or restarted): seed them from the database, then count.
                SeedAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            return null;
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            _redis.Failed(ex);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RedisException)
        {
            // The database could not seed: this message is counted locally, the next one tries again.
            LogSeedFailed(_logger, ex);
            return null;
        }
    }

    /// <summary>
    /// Loads the counters from the database into Redis unless another node did (<see cref="QuotaScripts.Seed"/>): the
    /// per-minute counts of the last 24 hours (minute buckets of the last hour, hour buckets of the day), this month's
    /// counts and today's per-domain counts. Returns true when this node seeded.
    /// </summary>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        await _seedLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await _redis.Database.KeyExistsAsync(Keys.Seeded).ConfigureAwait(false)) return false;
            var now = _time.GetUtcNow();
            var minute = TenantRateLimiter.MinuteOf(now);
            var month = TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now));
            var day = TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now));
            var args = new List<RedisValue>();
            await using (var db = await _dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false))
            {
                var since = minute - TenantRateLimiter.DayMinutes;
                var buckets = await db.TenantUsageBuckets.AsNoTracking().Where(b => b.Minute > since && b.Minute <= minute).ToListAsync(ct).ConfigureAwait(false);
                foreach (var b in buckets.Where(b => b.Minute > minute - TenantRateLimiter.HourMinutes))
                    args.AddRange([Keys.Minutes(b.TenantId), b.Minute, b.Count, RedisQuotaKeys.MinuteTtlSeconds]);
                foreach (var h in buckets.GroupBy(b => (b.TenantId, Hour: b.Minute / 60)))
                    args.AddRange([Keys.Hours(h.Key.TenantId), h.Key.Hour, h.Sum(b => b.Count), RedisQuotaKeys.HourTtlSeconds]);
                var counters = await db.TenantQuotaCounters.AsNoTracking()
                    .Where(c => (c.Window == TenantQuotaCounter.MonthWindow && c.Period == month) || (c.Window == TenantQuotaCounter.DomainDayWindow && c.Period == day))
                    .ToListAsync(ct).ConfigureAwait(false);
                foreach (var c in counters)
                    args.AddRange(c.Window == TenantQuotaCounter.MonthWindow
                        ? [Keys.Month(c.TenantId, now), "", c.Count, RedisQuotaKeys.MonthTtlSeconds]
                        : [Keys.DomainDay(c.TenantId, now), c.Scope, c.Count, RedisQuotaKeys.DomainDayTtlSeconds]);
            }
            var seeded = (long)(await _redis.Database.ScriptEvaluateAsync(QuotaScripts.Seed, [Keys.Seeded], [.. args]).ConfigureAwait(false)) == 1;
            if (seeded) LogSeeded(_logger, _redis.NodeName, args.Count / 4);
            return seeded;
        }
        finally
        {
            _seedLock.Release();
        }
    }

    /// <summary>After an outage: seeds Redis if it lost the counters, then adds the counts made locally meanwhile.</summary>
    public async Task HealAsync()
    {
        try
        {
            await SeedAsync(CancellationToken.None).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var month = TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now));
            var day = TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now));
            var buckets = _fallback.TakeDirty();
            var counters = _fallback.TakeDirtyCounters();
            _fallback.Clear();
            var args = new List<RedisValue>();
            foreach (var b in buckets.Where(b => b.Count > 0))
            {
                if (b.Minute > TenantRateLimiter.MinuteOf(now) - TenantRateLimiter.HourMinutes)
                    args.AddRange([Keys.Minutes(b.TenantId), b.Minute, b.Count, RedisQuotaKeys.MinuteTtlSeconds]);
                args.AddRange([Keys.Hours(b.TenantId), b.Minute / 60, b.Count, RedisQuotaKeys.HourTtlSeconds]);
                _touched.TryAdd(b.TenantId, 0);
            }
            foreach (var c in counters.Where(c => c.Count > 0))
            {
                if (c.Window == TenantQuotaCounter.MonthWindow && c.Period == month) args.AddRange([Keys.Month(c.TenantId, now), "", c.Count, RedisQuotaKeys.MonthTtlSeconds]);
                else if (c.Window == TenantQuotaCounter.DomainDayWindow && c.Period == day) args.AddRange([Keys.DomainDay(c.TenantId, now), c.Scope, c.Count, RedisQuotaKeys.DomainDayTtlSeconds]);
            }
            if (args.Count > 0) await _redis.Database.ScriptEvaluateAsync(QuotaScripts.Add, [Keys.Seeded], [.. args]).ConfigureAwait(false);
            LogHealed(_logger, _redis.NodeName, args.Count / 4);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex) || ex is RedisException || ex is InvalidOperationException)
        {
            LogSeedFailed(_logger, ex);
        }
    }

    [LoggerMessage(5980, LogLevel.Information, "Tenant quota counters seeded into Redis from the database by node {Node} ({Entries} entries)")]
    private static partial void LogSeeded(ILogger logger, string node, int entries);

    [LoggerMessage(5981, LogLevel.Warning, "Tenant quota counters could not be seeded or healed in Redis; counted locally meanwhile")]
    private static partial void LogSeedFailed(ILogger logger, Exception ex);

    [LoggerMessage(5982, LogLevel.Information, "Redis answers again: node {Node} added its {Entries} local quota counts to the cluster's")]
    private static partial void LogHealed(ILogger logger, string node, int entries);
}
