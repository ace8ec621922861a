namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>A pool member: source name and relative weight (1 when omitted).</summary>
public sealed record PoolMemberDto(string Source, int? Weight);
