using Appliance.Web.Services.TenantLimits;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// The Redis keys of one tenant's quota counters, under the cluster prefix (<see cref="ClusterOptions.KeyPrefix"/>):
/// <c>{prefix}:quota:{tenant}:min</c> (minute buckets of the sliding hour), <c>:hour</c> (hour buckets of the sliding
/// day), <c>:month:{yyyy-MM}</c>, <c>:dd:{yyyy-MM-dd}</c> (per sending domain) and <c>:warn</c> (warnings raised), plus
/// one marker <c>{prefix}:quota-seeded</c> for the cluster (docs/cluster.md, "Tenant quotas").
/// </summary>
public sealed class RedisQuotaKeys(ClusterOptions options)
{
    /// <summary>Time to live of the minute buckets' hash (two hours: an hour's window plus margin).</summary>
    public const int MinuteTtlSeconds = 7200;

    /// <summary>Time to live of the hour buckets' hash (25 hours).</summary>
    public const int HourTtlSeconds = 90000;

    /// <summary>Time to live of a month's counter (40 days: the month plus the look back of the next flushes).</summary>
    public const int MonthTtlSeconds = 3456000;

    /// <summary>Time to live of a day's per-domain counters (two days).</summary>
    public const int DomainDayTtlSeconds = 172800;

    public string Seeded => options.Key("quota-seeded", "cluster");

    public string Minutes(string tenant) => options.Key("quota", tenant + ":min");

    public string Hours(string tenant) => options.Key("quota", tenant + ":hour");

    public string Month(string tenant, DateTimeOffset now) => options.Key("quota", tenant + ":month:" + TenantRateLimiter.MonthPeriod(TenantRateLimiter.MonthStart(now)));

    public string DomainDay(string tenant, DateTimeOffset now) => options.Key("quota", tenant + ":dd:" + TenantRateLimiter.DayPeriod(TenantRateLimiter.DayStart(now)));

    public string Warnings(string tenant) => options.Key("quota", tenant + ":warn");
}
