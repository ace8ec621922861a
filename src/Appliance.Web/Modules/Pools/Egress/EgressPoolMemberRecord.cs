namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>One member of a pool: an egress source name and its relative weight.</summary>
public sealed class EgressPoolMemberRecord
{
    public required string PoolName { get; set; }
    public required string Source { get; set; }
    public int Weight { get; set; } = 1;
}
