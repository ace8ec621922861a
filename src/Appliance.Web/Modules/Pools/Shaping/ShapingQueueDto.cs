namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>A ready queue (egress source × site) with its effective limits and the backoffs in force on it.</summary>
public sealed record ShapingQueueDto(string Name, string EgressSource, string Site, string? Provider, int Pending, int Connections, bool Suspended,
    string? LastResponse, IReadOnlyList<EffectiveLimitDto> Limits, IReadOnlyList<ActiveBackoffDto> Backoffs);
