using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Loads every tenant's limits into <see cref="TenantRateLimiter"/>: at start (start-up step
/// <see cref="Startup.StartupSteps.TenantLimits"/>, after the migrations and before the engine listens) and after each tenant change (<see cref="TenantService"/>);
/// at start also the persisted usage buckets and calendar counters.
/// </summary>
public sealed class TenantLimitsLoader(IDbContextFactory<ApplianceDbContext> dbFactory, TenantRateLimiter limiter, TimeProvider time)
{
    /// <summary>At start: the limits, then the stored per-minute counts of the last 24 hours (sliding windows go on).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        var since = TenantRateLimiter.MinuteOf(time.GetUtcNow()) - TenantRateLimiter.DayMinutes;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        limiter.Import(await db.TenantUsageBuckets.AsNoTracking().Where(b => b.Minute > since).ToListAsync(cancellationToken));
        // The calendar counters of this month and of today (month, sending domain per day).
        var now = time.GetUtcNow();
        var month = TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now));
        var day = TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now));
        limiter.Import(await db.TenantQuotaCounters.AsNoTracking()
            .Where(c => (c.Window == TenantQuotaCounter.MonthWindow && c.Period == month) || (c.Window == TenantQuotaCounter.DomainDayWindow && c.Period == day))
            .ToListAsync(cancellationToken));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tenants.AsNoTracking()
            .Where(t => t.HourlyMessageLimit != null || t.DailyMessageLimit != null || t.MonthlyMessageLimit != null
                || t.MaxRecipientsPerMessage != null || t.MaxMessageSizeBytes != null || t.DomainDailyMessageLimit != null)
            .ToListAsync(cancellationToken);
        limiter.SetLimits(rows.ToDictionary(t => t.Id, TenantService.LimitsOf, StringComparer.Ordinal));
    }
}
