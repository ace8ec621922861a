namespace Appliance.Web.Api.Contracts;

/// <summary>PUT /api/v1/tenants/{id}/quotas: every quota of the tenant (null or absent = unlimited).</summary>
public sealed record TenantQuotasRequest(int? HourlyMessageLimit = null, int? DailyMessageLimit = null, int? MonthlyMessageLimit = null,
    int? MaxRecipientsPerMessage = null, long? MaxMessageSizeBytes = null, int? DomainDailyMessageLimit = null)
{
    public Services.TenantLimits.TenantMessageLimits Limits =>
        new(HourlyMessageLimit, DailyMessageLimit, MonthlyMessageLimit, MaxRecipientsPerMessage, MaxMessageSizeBytes, DomainDailyMessageLimit);
}
