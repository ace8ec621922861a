namespace Appliance.Web.Services.TenantLimits;

/// <summary>Messages counted in the last 60 minutes, the last 24 hours and the calendar month (for the Tenants page and the API).</summary>
public readonly record struct TenantUsage(int ThisHour, int Today, int ThisMonth = 0);
