using Appliance.Web.Services.TenantMetering;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>What the Tenants page shows of the quotas and the metering: each tenant's usage of its quotas and its daily usage (reads, never counts).</summary>
public sealed class TenantLimitsView(ITenantQuotaCounters limiter, TenantUsageStore usage, TimeProvider time)
{
    /// <summary>Messages counted in the last 60 minutes, the last 24 hours and this month.</summary>
    public TenantUsage UsageOf(string tenantId) => limiter.UsageOf(tenantId);

    /// <summary>The tenant's usage of the last <paramref name="days"/> UTC days, summed over sending domains, one row per day (days without usage as zeros).</summary>
    public async Task<IReadOnlyList<TenantUsageCounts>> DailyAsync(string tenantId, int days, CancellationToken ct = default)
    {
        var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = to.AddDays(1 - days);
        var report = await usage.QueryAsync(tenantId, from, to, monthly: false, ct);
        var byDay = report.Rows.GroupBy(r => r.Period).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var list = new List<TenantUsageCounts>(days);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var key = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var rows = byDay.GetValueOrDefault(key) ?? [];
            list.Add(new TenantUsageCounts(key, "", rows.Sum(r => r.Accepted), rows.Sum(r => r.Delivered), rows.Sum(r => r.Deferred), rows.Sum(r => r.BouncedHard),
                rows.Sum(r => r.BouncedSoft), rows.Sum(r => r.Complained), rows.Sum(r => r.Unsubscribed), rows.Sum(r => r.BytesIn), rows.Sum(r => r.BytesOut)));
        }
        return list;
    }
}
