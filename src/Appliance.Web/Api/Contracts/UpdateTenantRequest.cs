namespace Appliance.Web.Api.Contracts;

/// <summary>PUT /api/v1/tenants/{id}: the whole editable state. Limits null = unlimited.</summary>
public sealed record UpdateTenantRequest(string? Name, bool DsnEnabled = true, int? HourlyMessageLimit = null, int? DailyMessageLimit = null,
    int? MonthlyMessageLimit = null, int? MaxRecipientsPerMessage = null, long? MaxMessageSizeBytes = null, int? DomainDailyMessageLimit = null)
{
    public Services.TenantLimits.TenantMessageLimits Limits =>
        new(HourlyMessageLimit, DailyMessageLimit, MonthlyMessageLimit, MaxRecipientsPerMessage, MaxMessageSizeBytes, DomainDailyMessageLimit);
}
