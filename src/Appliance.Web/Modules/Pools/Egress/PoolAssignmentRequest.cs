namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>Body of POST /api/v1/pool-assignments and PUT /api/v1/pool-assignments/{id}.</summary>
public sealed record PoolAssignmentRequest(string? TenantId, string? Stream, string? Pool);
