namespace Appliance.Web.Services.TenantLimits;

/// <summary>Messages counted in the current UTC hour and day (for the Tenants page and the API).</summary>
public readonly record struct TenantUsage(int ThisHour, int Today);
