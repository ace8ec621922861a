namespace Appliance.Web.Api.Contracts;

/// <summary>GET /api/v1/tenants/{id}/quotas: the quotas (null = unlimited) and the messages counted against them now.</summary>
public sealed record TenantQuotasResponse(string TenantId, int? HourlyMessageLimit, int? DailyMessageLimit, int? MonthlyMessageLimit,
    int? MaxRecipientsPerMessage, long? MaxMessageSizeBytes, int? DomainDailyMessageLimit, int UsedLastHour, int UsedLast24Hours, int UsedThisMonth);
