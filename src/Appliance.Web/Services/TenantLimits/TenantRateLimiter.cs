using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Per-tenant message counters over SLIDING windows: the last 60 minutes and the last 24 hours, counted in per-minute
/// buckets (a window holds the current minute and the 59 or 1,439 before it; Retry-After is the time until enough of
/// the oldest buckets leave the window for the refused messages to fit). Limits are swapped atomically by
/// <see cref="SetLimits"/> after a settings change while the counters stay. Buckets that changed are handed to
/// <see cref="TenantUsagePersistence"/> (<see cref="TakeDirty"/>), which stores them in SQLite, and are loaded back at
/// start (<see cref="Import"/>), so a restart does not reset the windows.
/// <see cref="Check"/> only looks (RCPT time, HTTP pre-check); <see cref="TryAcquire"/> checks and counts in one
/// step under the tenant's lock (end of DATA / injection), so concurrent sessions cannot overshoot.
/// </summary>
public sealed class TenantRateLimiter(TimeProvider time)
{
    public const int HourMinutes = 60;
    public const int DayMinutes = 24 * 60;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private volatile FrozenDictionary<string, TenantMessageLimits> _limits = FrozenDictionary<string, TenantMessageLimits>.Empty;

    public void SetLimits(IReadOnlyDictionary<string, TenantMessageLimits> limits) =>
        _limits = limits.ToFrozenDictionary(StringComparer.Ordinal);

    public TenantMessageLimits LimitsOf(string tenantId) =>
        _limits.TryGetValue(tenantId, out var limits) ? limits : TenantMessageLimits.Unlimited;

    /// <summary>Would <paramref name="messages"/> more be accepted now? Counts nothing.</summary>
    public TenantRateDecision Check(string tenantId, int messages = 1) => Evaluate(tenantId, messages, acquire: false);

    /// <summary>Counts <paramref name="messages"/> when they fit in both windows; otherwise counts nothing.</summary>
    public TenantRateDecision TryAcquire(string tenantId, int messages = 1) => Evaluate(tenantId, messages, acquire: true);

    /// <summary>Messages counted in the last 60 minutes and the last 24 hours.</summary>
    public TenantUsage UsageOf(string tenantId)
    {
        if (!_counters.TryGetValue(tenantId, out var counter)) return default;
        var minute = MinuteOf(time.GetUtcNow());
        lock (counter) return new TenantUsage(counter.Sum(minute, HourMinutes), counter.Sum(minute, DayMinutes));
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

    /// <summary>Unix minute of a time: bucket m holds [m·60 s, (m+1)·60 s).</summary>
    public static long MinuteOf(DateTimeOffset t) => t.ToUnixTimeSeconds() / 60;

    private TenantRateDecision Evaluate(string tenantId, int messages, bool acquire)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messages);
        var limits = LimitsOf(tenantId);
        if (limits.Hourly is null && limits.Daily is null) return TenantRateDecision.Allow(tenantId);
        var counter = _counters.GetOrAdd(tenantId, static _ => new Counter());
        var now = time.GetUtcNow();
        var minute = MinuteOf(now);
        lock (counter)
        {
            counter.Prune(minute);
            // The day is checked first: when both are full, its (later) opening is the useful Retry-After.
            if (limits.Daily is { } daily && counter.Sum(minute, DayMinutes) + messages > daily)
                return new TenantRateDecision(false, TenantLimitWindow.Day, daily, counter.RetryAfter(now, minute, DayMinutes, daily, messages), tenantId);
            if (limits.Hourly is { } hourly && counter.Sum(minute, HourMinutes) + messages > hourly)
                return new TenantRateDecision(false, TenantLimitWindow.Hour, hourly, counter.RetryAfter(now, minute, HourMinutes, hourly, messages), tenantId);
            if (acquire)
            {
                counter.Buckets[minute] = counter.Buckets.GetValueOrDefault(minute) + messages;
                counter.Dirty.Add(minute);
            }
            return TenantRateDecision.Allow(tenantId);
        }
    }

    /// <summary>One tenant's per-minute buckets of the last day; guarded by locking the instance.</summary>
    private sealed class Counter
    {
        public SortedDictionary<long, int> Buckets { get; } = [];

        public HashSet<long> Dirty { get; } = [];

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
