namespace Appliance.Web.Api.Contracts;

/// <summary>POST /api/v1/tenants. Limits are messages per UTC hour / day; null or absent = unlimited.</summary>
public sealed record CreateTenantRequest(string? Name, bool? DsnEnabled = null, int? HourlyMessageLimit = null, int? DailyMessageLimit = null);
