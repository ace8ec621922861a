namespace Appliance.Mta.Egress;

/// <summary>
/// Maps a tenant's stream to a pool. A null <see cref="TenantId"/> or <see cref="Stream"/> matches any; the most
/// specific assignment wins (tenant+stream, then tenant, then stream, then any).
/// </summary>
public sealed record PoolAssignment(string? TenantId, string? Stream, string Pool);
