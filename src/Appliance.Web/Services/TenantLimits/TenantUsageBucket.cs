namespace Appliance.Web.Services.TenantLimits;

/// <summary>Messages a tenant had accepted in one UTC minute (table TenantUsageBuckets; unix minute = seconds / 60).</summary>
public sealed class TenantUsageBucket
{
    public required string TenantId { get; set; }

    public long Minute { get; set; }

    public int Count { get; set; }
}
