namespace Appliance.Web.Services.TenantMetering;

/// <summary>GET /api/v1/tenants/{id}/usage as JSON: the rows per period ("yyyy-MM-dd" or "yyyy-MM") and sending domain, oldest first.</summary>
public sealed record TenantUsageReport(string TenantId, DateOnly From, DateOnly To, string Granularity, IReadOnlyList<TenantUsageCounts> Rows);
