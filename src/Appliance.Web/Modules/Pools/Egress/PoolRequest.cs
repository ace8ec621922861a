namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>Body of POST /api/v1/pools (name required) and PUT /api/v1/pools/{name}.</summary>
public sealed record PoolRequest(string? Name, IReadOnlyList<PoolMemberDto>? Members);
