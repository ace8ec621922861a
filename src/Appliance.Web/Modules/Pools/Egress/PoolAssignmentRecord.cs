namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// A stored tenant → pool mapping (table PoolAssignments). Null tenant = every tenant, null stream = both streams;
/// the engine picks the most specific one. (tenant, stream) is unique.
/// </summary>
public sealed class PoolAssignmentRecord
{
    public int Id { get; set; }
    public string? TenantId { get; set; }
    public string? Stream { get; set; }
    public required string Pool { get; set; }
}
