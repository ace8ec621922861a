using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Per-tenant message counters in memory, over FIXED windows aligned to UTC: the clock hour and the calendar day
/// (a window resets at hh:00 and 00:00 UTC; Retry-After is the time to that reset). Limits are swapped atomically
/// by <see cref="SetLimits"/> after a settings change while the counters stay, so a lowered limit applies at once
/// and nothing restarts. Counters are not persisted: a restart starts the current windows from zero.
/// <see cref="Check"/> only looks (RCPT time, HTTP pre-check); <see cref="TryAcquire"/> checks and counts in one
/// step under the tenant's lock (end of DATA / injection), so concurrent sessions cannot overshoot.
/// </summary>
public sealed class TenantRateLimiter(TimeProvider time)
{
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

    public TenantUsage UsageOf(string tenantId)
    {
        if (!_counters.TryGetValue(tenantId, out var counter)) return default;
        lock (counter)
        {
            counter.Roll(time.GetUtcNow());
            return new TenantUsage(counter.HourCount, counter.DayCount);
        }
    }

    private TenantRateDecision Evaluate(string tenantId, int messages, bool acquire)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messages);
        var limits = LimitsOf(tenantId);
        if (limits.Hourly is null && limits.Daily is null) return TenantRateDecision.Allow(tenantId);
        var counter = _counters.GetOrAdd(tenantId, static _ => new Counter());
        var now = time.GetUtcNow();
        lock (counter)
        {
            counter.Roll(now);
            // The day is checked first: when both are full, its (later) reset is the useful Retry-After.
            if (limits.Daily is { } daily && counter.DayCount + messages > daily)
                return new TenantRateDecision(false, TenantLimitWindow.Day, daily, counter.DayStart.AddDays(1) - now, tenantId);
            if (limits.Hourly is { } hourly && counter.HourCount + messages > hourly)
                return new TenantRateDecision(false, TenantLimitWindow.Hour, hourly, counter.HourStart.AddHours(1) - now, tenantId);
            if (acquire)
            {
                counter.HourCount += messages;
                counter.DayCount += messages;
            }
            return TenantRateDecision.Allow(tenantId);
        }
    }

    /// <summary>One tenant's two windows; guarded by locking the instance.</summary>
    private sealed class Counter
    {
        public DateTimeOffset HourStart { get; private set; } = DateTimeOffset.MinValue;

        public DateTimeOffset DayStart { get; private set; } = DateTimeOffset.MinValue;

        public int HourCount { get; set; }

        public int DayCount { get; set; }

        /// <summary>Starts a new window when the clock has left the current one.</summary>
        public void Roll(DateTimeOffset now)
        {
            var utc = now.ToUniversalTime();
            var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
            var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
            if (hour != HourStart)
            {
                HourStart = hour;
                HourCount = 0;
            }
            if (day != DayStart)
            {
                DayStart = day;
                DayCount = 0;
            }
        }
    }
}
