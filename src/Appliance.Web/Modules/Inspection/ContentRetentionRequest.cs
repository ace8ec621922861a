namespace Appliance.Web.Modules.Inspection;

/// <summary>PUT /api/v1/tenants/{id}/retention: on or off, days (default 7), budget in MB (default 1024).</summary>
public sealed record ContentRetentionRequest(bool Enabled, int? Days, int? BudgetMegabytes);
