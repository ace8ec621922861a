using Appliance.Mta.Egress;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>GET/PUT /api/v1/egress-settings: default pool (null = "default"), warmup overflow, shared streams.</summary>
public sealed record EgressSettingsDto(string? DefaultPool, WarmupOverflow Overflow, bool AllowSharedStreams);
