namespace Appliance.Web.Modules.Inspection;

/// <summary>A tenant's retention settings with the bytes its kept contents take on disk now.</summary>
public sealed record ContentRetentionView(string TenantId, bool Enabled, int Days, int BudgetMegabytes, long UsedBytes);
