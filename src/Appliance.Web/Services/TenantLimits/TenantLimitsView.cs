namespace Appliance.Web.Services.TenantLimits;

/// <summary>What the Tenants page shows of the rate limiter: each tenant's usage of its windows (reads, never counts).</summary>
public sealed class TenantLimitsView(TenantRateLimiter limiter)
{
    /// <summary>Messages counted in the last 60 minutes and the last 24 hours.</summary>
    public TenantUsage UsageOf(string tenantId) => limiter.UsageOf(tenantId);
}
