namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>A tenant → pool mapping: null tenant = any tenant, null stream = both streams.</summary>
public sealed record PoolAssignmentDto(int Id, string? TenantId, string? Stream, string Pool);
