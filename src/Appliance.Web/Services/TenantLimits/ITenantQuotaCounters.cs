namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// The quota counters the SMTP policy, the reception filter and HTTP injection ask. Today one implementation, the
/// node-local <see cref="TenantRateLimiter"/> (memory, stored in the database); a cluster store shared by all nodes can
/// replace it behind this interface (docs/tenants.md, "Quotas").
/// </summary>
public interface ITenantQuotaCounters
{
    TenantMessageLimits LimitsOf(string tenantId);

    /// <summary>Would <paramref name="messages"/> more from <paramref name="senderDomain"/> be accepted now? Counts nothing.</summary>
    TenantRateDecision Check(string tenantId, int messages = 1, string? senderDomain = null);

    /// <summary>Counts <paramref name="messages"/> when they fit in every quota, otherwise counts nothing; reports the
    /// 80 % / 100 % thresholds the count crossed.</summary>
    TenantRateDecision TryAcquire(string tenantId, int messages, string? senderDomain, out IReadOnlyList<TenantQuotaWarning> warnings);

    TenantUsage UsageOf(string tenantId);
}
