namespace Appliance.Web.Services.TenantMetering;

/// <summary>The counters of one usage row (a day or a month, per sending domain); see <see cref="TenantDailyUsage"/> for each meaning.</summary>
public sealed record TenantUsageCounts(string Period, string Domain, long Accepted, long Delivered, long Deferred, long BouncedHard, long BouncedSoft,
    long Complained, long Unsubscribed, long BytesIn, long BytesOut);
