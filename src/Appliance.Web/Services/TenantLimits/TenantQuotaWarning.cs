namespace Appliance.Web.Services.TenantLimits;

/// <summary>A quota crossed 80 % or 100 % of its limit (once per window period): raised as an Alert event by <see cref="TenantQuotaAlerts"/>.</summary>
/// <param name="Domain">The sending domain, for <see cref="TenantLimitWindow.DomainDay"/>.</param>
public sealed record TenantQuotaWarning(string TenantId, TenantLimitWindow Window, int Percent, int Used, int Limit, string? Domain = null);
