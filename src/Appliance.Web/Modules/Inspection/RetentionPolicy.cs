namespace Appliance.Web.Modules.Inspection;

/// <summary>A tenant's retention as the writer and the expiry job read it: on, how many days, how many bytes.</summary>
public sealed record RetentionPolicy(bool Enabled, int Days, long BudgetBytes)
{
    public static RetentionPolicy From(ContentRetentionSettings s) => new(s.Enabled, s.Days, s.BudgetMegabytes * 1024L * 1024L);
}
