namespace Appliance.Web.Api.Contracts;

/// <summary>A tenant. The limits are messages per UTC hour / day (null = unlimited).</summary>
public sealed record TenantResponse(string Id, string Name, bool DsnEnabled, DateTimeOffset CreatedAt, int? HourlyMessageLimit = null, int? DailyMessageLimit = null);
