using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Loads every tenant's limits into <see cref="TenantRateLimiter"/>: at start (start-up step
/// <see cref="Startup.StartupSteps.TenantLimits"/>, after the migrations and before the engine listens) and after each tenant change (<see cref="TenantService"/>);
/// at start also the persisted usage buckets.
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
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tenants.AsNoTracking()
            .Where(t => t.HourlyMessageLimit != null || t.DailyMessageLimit != null)
            .Select(t => new { t.Id, t.HourlyMessageLimit, t.DailyMessageLimit })
            .ToListAsync(cancellationToken);
        limiter.SetLimits(rows.ToDictionary(r => r.Id, r => new TenantMessageLimits(r.HourlyMessageLimit, r.DailyMessageLimit), StringComparer.Ordinal));
    }
}
