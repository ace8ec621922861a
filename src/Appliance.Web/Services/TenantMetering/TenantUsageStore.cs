using System.Globalization;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>
/// Adds the meter's pending counters to TenantDailyUsage (one upsert per day, tenant and domain, in one transaction;
/// <see cref="TenantLimits.TenantCounterFlusher"/> calls it every few seconds and at stop) and answers usage queries
/// (after a flush, so they include the last seconds).
/// </summary>
public sealed partial class TenantUsageStore(
    IDbContextFactory<ApplianceDbContext> dbFactory, TenantUsageMeter meter, ILogger<TenantUsageStore> logger) : TenantLimits.ITenantCounterStore, IDisposable
{
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public string Name => "tenant usage metering counters";

    /// <summary>Adds the pending counters now; returns how many rows were written. On failure they go back to the meter.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var rows = meter.Take();
            if (rows.Count == 0) return 0;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var r in rows)
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"""
                        INSERT INTO "TenantDailyUsage" ("TenantId", "Day", "Domain", "Accepted", "Delivered", "Deferred", "BouncedHard", "BouncedSoft", "Complained", "Unsubscribed", "BytesIn", "BytesOut")
                        VALUES ({r.TenantId}, {r.Day}, {r.Domain}, {r.Accepted}, {r.Delivered}, {r.Deferred}, {r.BouncedHard}, {r.BouncedSoft}, {r.Complained}, {r.Unsubscribed}, {r.BytesIn}, {r.BytesOut})
                        ON CONFLICT ("TenantId", "Day", "Domain") DO UPDATE SET
                          "Accepted" = "TenantDailyUsage"."Accepted" + excluded."Accepted", "Delivered" = "TenantDailyUsage"."Delivered" + excluded."Delivered",
                          "Deferred" = "TenantDailyUsage"."Deferred" + excluded."Deferred", "BouncedHard" = "TenantDailyUsage"."BouncedHard" + excluded."BouncedHard",
                          "BouncedSoft" = "TenantDailyUsage"."BouncedSoft" + excluded."BouncedSoft", "Complained" = "TenantDailyUsage"."Complained" + excluded."Complained",
                          "Unsubscribed" = "TenantDailyUsage"."Unsubscribed" + excluded."Unsubscribed", "BytesIn" = "TenantDailyUsage"."BytesIn" + excluded."BytesIn",
                          "BytesOut" = "TenantDailyUsage"."BytesOut" + excluded."BytesOut"
                        """, ct);
                await tx.CommitAsync(ct);
                return rows.Count;
            }
            catch
            {
                meter.Return(rows);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Usage of a tenant from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive), per day or
    /// per month and per sending domain, oldest first.</summary>
    public async Task<TenantUsageReport> QueryAsync(string tenantId, DateOnly from, DateOnly to, bool monthly, CancellationToken ct)
    {
        await FlushSafelyAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TenantDailyUsage.AsNoTracking()
            .Where(u => u.TenantId == tenantId && u.Day >= from && u.Day <= to)
            .ToListAsync(ct);
        var result = rows
            .GroupBy(u => (Period: monthly ? u.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture) : u.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), u.Domain))
            .OrderBy(g => g.Key.Period, StringComparer.Ordinal).ThenBy(g => g.Key.Domain, StringComparer.Ordinal)
            .Select(g => new TenantUsageCounts(g.Key.Period, g.Key.Domain, g.Sum(u => u.Accepted), g.Sum(u => u.Delivered), g.Sum(u => u.Deferred),
                g.Sum(u => u.BouncedHard), g.Sum(u => u.BouncedSoft), g.Sum(u => u.Complained), g.Sum(u => u.Unsubscribed), g.Sum(u => u.BytesIn), g.Sum(u => u.BytesOut)))
            .ToList();
        return new TenantUsageReport(tenantId, from, to, monthly ? "month" : "day", result);
    }

    /// <summary>A query answers from the stored rows even when the pending counters cannot be written now.</summary>
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

    public void Dispose() => _flushing.Dispose();

    [LoggerMessage(3613, LogLevel.Warning, "Could not store the tenant usage metering counters before a usage query; retried at the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex);
}
