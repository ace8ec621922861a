namespace Appliance.Web.Api.Contracts;

/// <summary>A tenant with its quotas (null = unlimited): messages per sliding hour / 24 hours, per calendar month,
/// recipients per message, message size in bytes, messages per sending domain per UTC day.</summary>
public sealed record TenantResponse(string Id, string Name, bool DsnEnabled, DateTimeOffset CreatedAt, int? HourlyMessageLimit = null, int? DailyMessageLimit = null,
    int? MonthlyMessageLimit = null, int? MaxRecipientsPerMessage = null, long? MaxMessageSizeBytes = null, int? DomainDailyMessageLimit = null);
