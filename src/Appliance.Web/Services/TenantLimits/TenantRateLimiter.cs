using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// The node-local <see cref="ITenantQuotaCounters"/>. Per-tenant message counters over SLIDING windows (the last
/// 60 minutes and the last 24 hours, counted in per-minute buckets: a window holds the current minute and the 59 or
/// 1,439 before it; Retry-After is the time until enough of the oldest buckets leave the window for the refused
/// messages to fit) and over CALENDAR periods (the UTC month, and per sending domain the UTC day). Limits are swapped
/// atomically by <see cref="SetLimits"/> after a settings change while the counters stay. Changed buckets and calendar
/// counters are handed to <see cref="TenantQuotaCounterStore"/> (<see cref="TakeDirty"/>, <see cref="TakeDirtyCounters"/>),
/// which stores them in the database, and are loaded back at start (the Import methods), so a restart does not reset them.
/// <see cref="Check"/> only looks (RCPT time, HTTP pre-check); TryAcquire checks and counts in one
/// step under the tenant's lock (end of DATA / injection), so concurrent sessions cannot overshoot.
/// </summary>
public sealed class TenantRateLimiter(TimeProvider time) : ITenantQuotaCounters
{
    public const int HourMinutes = 60;
    public const int DayMinutes = 24 * 60;

    /// <summary>The warning thresholds, in percent of a quota (docs/tenants.md, "Quotas").</summary>
    public static readonly int[] WarningPercents = [80, 100];

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private volatile FrozenDictionary<string, TenantMessageLimits> _limits = FrozenDictionary<string, TenantMessageLimits>.Empty;

    public void SetLimits(IReadOnlyDictionary<string, TenantMessageLimits> limits) =>
        _limits = limits.ToFrozenDictionary(StringComparer.Ordinal);

    public TenantMessageLimits LimitsOf(string tenantId) =>
        _limits.TryGetValue(tenantId, out var limits) ? limits : TenantMessageLimits.Unlimited;

    /// <summary>Would <paramref name="messages"/> more be accepted now? Counts nothing.</summary>
    public TenantRateDecision Check(string tenantId, int messages = 1, string? senderDomain = null) =>
        Evaluate(tenantId, messages, senderDomain, acquire: false, out _);

    /// <summary>Counts <paramref name="messages"/> when they fit in every quota; otherwise counts nothing.</summary>
    public TenantRateDecision TryAcquire(string tenantId, int messages = 1, string? senderDomain = null) =>
        Evaluate(tenantId, messages, senderDomain, acquire: true, out _);

    public TenantRateDecision TryAcquire(string tenantId, int messages, string? senderDomain, out IReadOnlyList<TenantQuotaWarning> warnings) =>
        Evaluate(tenantId, messages, senderDomain, acquire: true, out warnings);

    /// <summary>
    /// Counts against <paramref name="limits"/> instead of the tenant's own (the cluster's fallback while Redis is away
    /// counts here against its share of each quota, docs/cluster.md "Tenant quotas").
    /// </summary>
    public TenantRateDecision TryAcquire(string tenantId, TenantMessageLimits limits, int messages, string? senderDomain, bool acquire, out IReadOnlyList<TenantQuotaWarning> warnings) =>
        Evaluate(tenantId, limits, messages, senderDomain, acquire, out warnings);

    /// <summary>Forgets every count (the cluster's fallback after its counts went to Redis).</summary>
    public void Clear() => _counters.Clear();

    /// <summary>Messages counted in the last 60 minutes, the last 24 hours and the calendar month.</summary>
    public TenantUsage UsageOf(string tenantId)
    {
        if (!_counters.TryGetValue(tenantId, out var counter)) return default;
        var now = time.GetUtcNow();
        var minute = MinuteOf(now);
        lock (counter)
        {
            counter.Roll(now);
            return new TenantUsage(counter.Sum(minute, HourMinutes), counter.Sum(minute, DayMinutes), counter.MonthCount);
        }
    }

    /// <summary>The buckets changed since the last call (current counts), for persistence.</summary>
    public IReadOnlyList<TenantUsageBucket> TakeDirty()
    {
        var list = new List<TenantUsageBucket>();
        foreach (var (tenant, counter) in _counters)
        {
            lock (counter)
            {
                foreach (var minute in counter.Dirty)
                    list.Add(new TenantUsageBucket { TenantId = tenant, Minute = minute, Count = counter.Buckets.GetValueOrDefault(minute) });
                counter.Dirty.Clear();
            }
        }
        return list;
    }

    /// <summary>The calendar counters (month, domain per day) changed since the last call, for persistence.</summary>
    public IReadOnlyList<TenantQuotaCounter> TakeDirtyCounters()
    {
        var list = new List<TenantQuotaCounter>();
        foreach (var (tenant, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.MonthDirty && counter.Month is { } month)
                    list.Add(new TenantQuotaCounter { TenantId = tenant, Window = TenantQuotaCounter.MonthWindow, Period = MonthPeriod(month), Count = counter.MonthCount });
                if (counter.DomainDay is { } day)
                    foreach (var domain in counter.DomainDirty)
                        list.Add(new TenantQuotaCounter { TenantId = tenant, Window = TenantQuotaCounter.DomainDayWindow, Period = DayPeriod(day), Scope = domain, Count = counter.DomainCounts.GetValueOrDefault(domain) });
                counter.MonthDirty = false;
                counter.DomainDirty.Clear();
            }
        }
        return list;
    }

    /// <summary>Marks buckets and counters taken by <see cref="TakeDirty"/>/<see cref="TakeDirtyCounters"/> changed again (their write failed).</summary>
    public void MarkDirty(IEnumerable<TenantUsageBucket> buckets, IEnumerable<TenantQuotaCounter> counters)
    {
        foreach (var b in buckets)
            if (_counters.TryGetValue(b.TenantId, out var counter))
                lock (counter) counter.Dirty.Add(b.Minute);
        foreach (var c in counters)
        {
            if (!_counters.TryGetValue(c.TenantId, out var counter)) continue;
            lock (counter)
            {
                // A counter of a month or day that has ended meanwhile is not written again (the new period's is).
                if (c.Window == TenantQuotaCounter.MonthWindow && counter.Month is { } month && MonthPeriod(month) == c.Period) counter.MonthDirty = true;
                else if (c.Window == TenantQuotaCounter.DomainDayWindow && counter.DomainDay is { } day && DayPeriod(day) == c.Period) counter.DomainDirty.Add(c.Scope);
            }
        }
    }

    /// <summary>Loads stored buckets (at start); buckets outside the day window are ignored.</summary>
    public void Import(IEnumerable<TenantUsageBucket> buckets)
    {
        var now = MinuteOf(time.GetUtcNow());
        foreach (var b in buckets)
        {
            if (b.Minute <= now - DayMinutes || b.Count <= 0) continue;
            var counter = _counters.GetOrAdd(b.TenantId, static _ => new Counter());
            lock (counter) counter.Buckets[b.Minute] = b.Count;
        }
    }

    /// <summary>Loads stored calendar counters (at start); those of another month or day than now are ignored.</summary>
    public void Import(IEnumerable<TenantQuotaCounter> counters)
    {
        var now = time.GetUtcNow();
        var month = MonthPeriod(MonthStart(now));
        var day = DayPeriod(DayStart(now));
        foreach (var c in counters)
        {
            var counter = _counters.GetOrAdd(c.TenantId, static _ => new Counter());
            lock (counter)
            {
                counter.Roll(now);
                if (c.Window == TenantQuotaCounter.MonthWindow && c.Period == month) counter.MonthCount = c.Count;
                else if (c.Window == TenantQuotaCounter.DomainDayWindow && c.Period == day) counter.DomainCounts[c.Scope] = c.Count;
            }
        }
    }

    /// <summary>Unix minute of a time: bucket m holds [m·60 s, (m+1)·60 s).</summary>
    public static long MinuteOf(DateTimeOffset t) => t.ToUnixTimeSeconds() / 60;

    public static DateTimeOffset MonthStart(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DayStart(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    public static string MonthPeriod(DateTimeOffset monthStart) => monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string DayPeriod(DateTimeOffset dayStart) => dayStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private TenantRateDecision Evaluate(string tenantId, int messages, string? senderDomain, bool acquire, out IReadOnlyList<TenantQuotaWarning> warnings) =>
        Evaluate(tenantId, LimitsOf(tenantId), messages, senderDomain, acquire, out warnings);

    private TenantRateDecision Evaluate(string tenantId, TenantMessageLimits limits, int messages, string? senderDomain, bool acquire, out IReadOnlyList<TenantQuotaWarning> warnings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messages);
        warnings = [];
        if (!limits.CountsMessages) return TenantRateDecision.Allow(tenantId);
        var domain = limits.DomainDaily is null ? null : senderDomain;
        var counter = _counters.GetOrAdd(tenantId, static _ => new Counter());
        var now = time.GetUtcNow();
        var minute = MinuteOf(now);
        lock (counter)
        {
            counter.Prune(minute);
            counter.Roll(now);
            var hour = counter.Sum(minute, HourMinutes);
            var day = counter.Sum(minute, DayMinutes);
            var domainCount = domain is null ? 0 : counter.DomainCounts.GetValueOrDefault(domain);
            // The month first: it is the hard refusal and frees last. Then the day before the hour: when both are
            // full, the day's (later) opening is the useful Retry-After.
            if (limits.Monthly is { } monthly && counter.MonthCount + messages > monthly)
                return new TenantRateDecision(false, TenantLimitWindow.Month, monthly, MonthStart(now).AddMonths(1) - now, tenantId, null, now);
            if (limits.Daily is { } daily && day + messages > daily)
                return new TenantRateDecision(false, TenantLimitWindow.Day, daily, counter.RetryAfter(now, minute, DayMinutes, daily, messages), tenantId, null, now);
            if (limits.Hourly is { } hourly && hour + messages > hourly)
                return new TenantRateDecision(false, TenantLimitWindow.Hour, hourly, counter.RetryAfter(now, minute, HourMinutes, hourly, messages), tenantId, null, now);
            if (limits.DomainDaily is { } domainDaily && domain is not null && domainCount + messages > domainDaily)
                return new TenantRateDecision(false, TenantLimitWindow.DomainDay, domainDaily, DayStart(now).AddDays(1) - now, tenantId, domain, now);
            if (acquire)
            {
                counter.Buckets[minute] = counter.Buckets.GetValueOrDefault(minute) + messages;
                counter.Dirty.Add(minute);
                var monthBefore = counter.MonthCount;
                counter.MonthCount += messages;
                counter.MonthDirty = true;
                if (domain is not null)
                {
                    counter.DomainCounts[domain] = domainCount + messages;
                    counter.DomainDirty.Add(domain);
                }
                var crossed = new List<TenantQuotaWarning>();
                var u = now.UtcDateTime;
                counter.Crossed(crossed, tenantId, TenantLimitWindow.Hour, limits.Hourly, hour, messages, u.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), null);
                counter.Crossed(crossed, tenantId, TenantLimitWindow.Day, limits.Daily, day, messages, u.ToString("yyyyMMdd", CultureInfo.InvariantCulture), null);
                counter.Crossed(crossed, tenantId, TenantLimitWindow.Month, limits.Monthly, monthBefore, messages, u.ToString("yyyyMM", CultureInfo.InvariantCulture), null);
                if (domain is not null)
                    counter.Crossed(crossed, tenantId, TenantLimitWindow.DomainDay, limits.DomainDaily, domainCount, messages, u.ToString("yyyyMMdd", CultureInfo.InvariantCulture), domain);
                warnings = crossed;
            }
            return TenantRateDecision.Allow(tenantId);
        }
    }

    /// <summary>One tenant's per-minute buckets of the last day and its calendar counters; guarded by locking the instance.</summary>
    private sealed class Counter
    {
        public SortedDictionary<long, int> Buckets { get; } = [];

        public HashSet<long> Dirty { get; } = [];

        /// <summary>The UTC month <see cref="MonthCount"/> counts.</summary>
        public DateTimeOffset? Month { get; set; }

        public int MonthCount { get; set; }

        public bool MonthDirty { get; set; }

        /// <summary>The UTC day <see cref="DomainCounts"/> count.</summary>
        public DateTimeOffset? DomainDay { get; set; }

        public Dictionary<string, int> DomainCounts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DomainDirty { get; } = new(StringComparer.Ordinal);

        /// <summary>Warnings already raised: "window:period:domain:percent" (once per window period).</summary>
        public HashSet<string> Raised { get; } = new(StringComparer.Ordinal);

        public int Sum(long minute, int window)
        {
            var sum = 0;
            foreach (var (m, count) in Buckets)
                if (m > minute - window && m <= minute) sum += count;
            return sum;
        }

        public void Prune(long minute)
        {
            while (Buckets.Count > 0 && Buckets.First().Key <= minute - DayMinutes) Buckets.Remove(Buckets.First().Key);
        }

        /// <summary>Starts a new month or day: the calendar counters of the old one are dropped (their rows stay stored).</summary>
        public void Roll(DateTimeOffset now)
        {
            var month = MonthStart(now);
            if (Month != month)
            {
                Month = month;
                MonthCount = 0;
                MonthDirty = false;
                Raised.Clear();
            }
            var day = DayStart(now);
            if (DomainDay != day)
            {
                DomainDay = day;
                DomainCounts.Clear();
                DomainDirty.Clear();
            }
        }

        /// <summary>Adds a warning for each threshold that <paramref name="before"/> + <paramref name="added"/> reached first in this period.</summary>
        public void Crossed(List<TenantQuotaWarning> into, string tenant, TenantLimitWindow window, int? limit, int before, int added, string period, string? domain)
        {
            if (limit is not { } l) return;
            var after = before + added;
            foreach (var percent in WarningPercents)
            {
                var threshold = (int)Math.Ceiling(l * percent / 100.0);
                if (after < threshold || before >= threshold) continue;
                if (!Raised.Add($"{window}:{period}:{domain}:{percent}")) continue;
                into.Add(new TenantQuotaWarning(tenant, window, percent, after, l, domain));
            }
        }

        /// <summary>When the oldest buckets will have left the window so that <paramref name="messages"/> fit.</summary>
        public TimeSpan RetryAfter(DateTimeOffset now, long minute, int window, int limit, int messages)
        {
            var remaining = Sum(minute, window);
            foreach (var (m, count) in Buckets)
            {
                if (m <= minute - window || m > minute) continue;
                remaining -= count;
                if (remaining + messages <= limit) return DateTimeOffset.FromUnixTimeSeconds((m + window) * 60) - now;
            }
            return TimeSpan.FromMinutes(window); // more than the limit at once: never fits
        }
    }
}
