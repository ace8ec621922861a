namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>A stored pool (table EgressPools) with its weighted members (table EgressPoolMembers).</summary>
public sealed class EgressPoolRecord
{
    public required string Name { get; set; }
    public List<EgressPoolMemberRecord> Members { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
