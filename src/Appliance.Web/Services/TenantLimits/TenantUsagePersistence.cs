using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Stores the limiter's changed per-minute buckets and calendar counters in the database (upsert) every <see cref="FlushInterval"/> of wall-clock
/// time and at stop, and deletes buckets older than a day and calendar counters no longer read. A crash loses at most the last interval's counts.
/// </summary>
public sealed partial class TenantUsagePersistence(
    IDbContextFactory<ApplianceDbContext> dbFactory, TenantRateLimiter limiter, TimeProvider time, ILogger<TenantUsagePersistence> logger) : BackgroundService
{
    /// <summary>Wall clock (not the injected one: tests move a fake clock by hours).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(FlushInterval, stoppingToken);
                await FlushSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushSafelyAsync(CancellationToken.None);
    }

    /// <summary>Writes the changed buckets now; returns how many.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        var dirty = limiter.TakeDirty();
        var oldest = TenantRateLimiter.MinuteOf(time.GetUtcNow()) - TenantRateLimiter.DayMinutes;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var b in dirty)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"TenantUsageBuckets\" (\"TenantId\", \"Minute\", \"Count\") VALUES ({b.TenantId}, {b.Minute}, {b.Count}) ON CONFLICT(\"TenantId\", \"Minute\") DO UPDATE SET \"Count\" = excluded.\"Count\"", ct);
        await db.TenantUsageBuckets.Where(b => b.Minute <= oldest).ExecuteDeleteAsync(ct);
        var counters = limiter.TakeDirtyCounters();
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

    private async Task FlushSafelyAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(3611, LogLevel.Warning, "Could not store the tenant usage counters; retried at the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex);
}
