namespace Appliance.Web.Api.Contracts;

/// <summary>POST /api/v1/tenants. Quotas as in <see cref="TenantResponse"/>; null or absent = unlimited.</summary>
public sealed record CreateTenantRequest(string? Name, bool? DsnEnabled = null, int? HourlyMessageLimit = null, int? DailyMessageLimit = null,
    int? MonthlyMessageLimit = null, int? MaxRecipientsPerMessage = null, long? MaxMessageSizeBytes = null, int? DomainDailyMessageLimit = null)
{
    public Services.TenantLimits.TenantMessageLimits Limits =>
        new(HourlyMessageLimit, DailyMessageLimit, MonthlyMessageLimit, MaxRecipientsPerMessage, MaxMessageSizeBytes, DomainDailyMessageLimit);
}
