namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>An admin override of the shaping rules (table ShapingOverrides): the rule as JSON (<see cref="ShapingRuleDto"/>).</summary>
public sealed class ShapingOverrideRecord
{
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
