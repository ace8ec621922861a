using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Stores the limiter's changed per-minute buckets (TenantUsageBuckets) and calendar counters (TenantQuotaCounters) in
/// the database (upsert), and deletes buckets older than a day and calendar counters no longer read;
/// <see cref="TenantCounterFlusher"/> calls it. <see cref="TenantLimitsLoader"/> loads them back at start.
/// </summary>
public sealed class TenantQuotaCounterStore(IDbContextFactory<ApplianceDbContext> dbFactory, TenantRateLimiter limiter, TimeProvider time) : ITenantCounterStore
{
    public string Name => "tenant quota counters";

    /// <summary>Writes the changed buckets and counters now; returns how many. On failure they are marked changed again.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        var dirty = limiter.TakeDirty();
        var counters = limiter.TakeDirtyCounters();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var b in dirty)
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"TenantUsageBuckets\" (\"TenantId\", \"Minute\", \"Count\") VALUES ({b.TenantId}, {b.Minute}, {b.Count}) ON CONFLICT(\"TenantId\", \"Minute\") DO UPDATE SET \"Count\" = excluded.\"Count\"", ct);
            var oldest = TenantRateLimiter.MinuteOf(time.GetUtcNow()) - TenantRateLimiter.DayMinutes;
            await db.TenantUsageBuckets.Where(b => b.Minute <= oldest).ExecuteDeleteAsync(ct);
            foreach (var c in counters)
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"TenantQuotaCounters\" (\"TenantId\", \"Window\", \"Period\", \"Scope\", \"Count\") VALUES ({c.TenantId}, {c.Window}, {c.Period}, {c.Scope}, {c.Count}) ON CONFLICT(\"TenantId\", \"Window\", \"Period\", \"Scope\") DO UPDATE SET \"Count\" = excluded.\"Count\"", ct);
            // Calendar counters of earlier months and days are not read again (the month row is kept one month for a look back).
            var now = time.GetUtcNow();
            var lastMonth = TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now).AddMonths(-1));
            var today = TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now));
            await db.TenantQuotaCounters.Where(c => (c.Window == TenantQuotaCounter.MonthWindow && string.Compare(c.Period, lastMonth) < 0)
                || (c.Window == TenantQuotaCounter.DomainDayWindow && string.Compare(c.Period, today) < 0)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return dirty.Count + counters.Count;
        }
        catch
        {
            // Written as current counts (not increments), so marking them changed again is enough for the next flush.
            limiter.MarkDirty(dirty, counters);
            throw;
        }
    }
}
