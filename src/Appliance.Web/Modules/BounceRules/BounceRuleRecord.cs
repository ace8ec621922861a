namespace Appliance.Web.Modules.BounceRules;

/// <summary>An admin's custom bounce rule, evaluated before the shipped rules, in <see cref="Position"/> order.</summary>
public sealed class BounceRuleRecord
{
    public required string Id { get; set; }
    public int Position { get; set; }
    public string? Provider { get; set; }
    public required string Pattern { get; set; }
    public string? Status { get; set; }
    public required string Category { get; set; }
    public bool? Hard { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
