using Appliance.Web.Cluster.Limits;
using Appliance.Web.Data;
using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// The durable record of the cluster-wide quota counters: every flush (<see cref="TenantCounterFlusher"/>, 5 s) reads
/// the cluster totals of the tenants this node counted for from Redis and upserts them into the database
/// (TenantUsageBuckets per minute of the last hour, TenantQuotaCounters for the month and today's sending domains),
/// never lowering a stored count, so nodes writing the same tenant agree instead of overwriting each other. It also
/// seeds Redis from the database when the counters are missing there (a whole-cluster restart loses nothing of the month).
/// </summary>
public sealed class RedisQuotaStore(RedisTenantQuotaCounters counters, ClusterLimitsConnection redis, IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time)
    : ITenantCounterStore
{
    public string Name => "cluster tenant quota counters";

    public async Task<int> FlushAsync(CancellationToken ct)
    {
        if (!redis.TryShared()) return 0; // the local counts go to Redis when it is back (RedisTenantQuotaCounters.HealAsync)
        var tenants = counters.TakeTouched();
        try
        {
            if (await counters.SeedAsync(ct).ConfigureAwait(false) || tenants.Count == 0) return 0;
            var now = time.GetUtcNow();
            var minute = TenantRateLimiter.MinuteOf(now);
            var month = TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now));
            var day = TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now));
            var reads = tenants.Select(t => (Tenant: t,
                Minutes: redis.Database.HashGetAllAsync(counters.Keys.Minutes(t)),
                Month: redis.Database.StringGetAsync(counters.Keys.Month(t, now)),
                Domains: redis.Database.HashGetAllAsync(counters.Keys.DomainDay(t, now)))).ToList();
            await Task.WhenAll(reads.SelectMany(r => new Task[] { r.Minutes, r.Month, r.Domains })).ConfigureAwait(false);
            var rows = 0;
            await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var (tenant, minutes, monthCount, domains) in reads)
            {
                foreach (var e in minutes.Result)
                {
                    var m = (long)e.Name;
                    if (m <= minute - TenantRateLimiter.HourMinutes || m > minute) continue;
                    var count = (int)e.Value;
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO \"TenantUsageBuckets\" (\"TenantId\", \"Minute\", \"Count\") VALUES ({tenant}, {m}, {count}) ON CONFLICT(\"TenantId\", \"Minute\") DO UPDATE SET \"Count\" = CASE WHEN excluded.\"Count\" > \"TenantUsageBuckets\".\"Count\" THEN excluded.\"Count\" ELSE \"TenantUsageBuckets\".\"Count\" END", ct).ConfigureAwait(false);
                    rows++;
                }
                if (monthCount.Result is { IsNull: false } mc)
                {
                    rows += await UpsertCounterAsync(db, tenant, TenantQuotaCounter.MonthWindow, month, "", (int)mc, ct).ConfigureAwait(false);
                }
                foreach (var e in domains.Result)
                    rows += await UpsertCounterAsync(db, tenant, TenantQuotaCounter.DomainDayWindow, day, e.Name!, (int)e.Value, ct).ConfigureAwait(false);
            }
            var oldest = minute - TenantRateLimiter.DayMinutes;
            await db.TenantUsageBuckets.Where(b => b.Minute <= oldest).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return rows;
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            counters.Touch(tenants);
            redis.Failed(ex);
            return 0;
        }
        catch
        {
            counters.Touch(tenants);
            throw;
        }
    }

    private static async Task<int> UpsertCounterAsync(ApplianceDbContext db, string tenant, string window, string period, string scope, int count, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"TenantQuotaCounters\" (\"TenantId\", \"Window\", \"Period\", \"Scope\", \"Count\") VALUES ({tenant}, {window}, {period}, {scope}, {count}) ON CONFLICT(\"TenantId\", \"Window\", \"Period\", \"Scope\") DO UPDATE SET \"Count\" = CASE WHEN excluded.\"Count\" > \"TenantQuotaCounters\".\"Count\" THEN excluded.\"Count\" ELSE \"TenantQuotaCounters\".\"Count\" END", ct).ConfigureAwait(false);
        return 1;
    }
}
