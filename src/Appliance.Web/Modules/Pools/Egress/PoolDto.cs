namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>A pool with its weighted members.</summary>
public sealed record PoolDto(string Name, IReadOnlyList<PoolMemberDto> Members);
