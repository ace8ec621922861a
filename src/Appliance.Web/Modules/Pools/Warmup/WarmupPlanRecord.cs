namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>A warmup plan (table WarmupPlans): ordered steps as JSON. Templates are seeded at start and read-only.</summary>
public sealed class WarmupPlanRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool Template { get; set; }
    /// <summary>The <see cref="WarmupStep"/> list as JSON.</summary>
    public required string StepsJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
