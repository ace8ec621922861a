namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// One tenant's message-content retention (docs/tenants.md, "Message inspection"): off unless a row says on. The
/// content of each accepted message is kept <see cref="Days"/> days within <see cref="BudgetMegabytes"/>, encrypted.
/// </summary>
public sealed class ContentRetentionSettings
{
    /// <summary>The tenant (Tenants.Id); one row per tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>True keeps each accepted message's content; false (the default) keeps none and deletes what was kept.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many days a message's content is kept (1 to <see cref="ContentRetentionRules.MaxDays"/>).</summary>
    public int Days { get; set; } = ContentRetentionRules.DefaultDays;

    /// <summary>The tenant's disk budget in MB (MiB); beyond it the oldest messages are dropped first.</summary>
    public int BudgetMegabytes { get; set; } = ContentRetentionRules.DefaultBudgetMegabytes;

    public DateTimeOffset UpdatedAt { get; set; }
}
