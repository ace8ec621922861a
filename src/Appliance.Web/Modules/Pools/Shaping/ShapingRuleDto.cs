namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// A shaping rule (provider rule or admin override): matched by MX suffixes, recipient domains or (overrides) the name of
/// the provider rule it refines; optionally only for one egress source.
/// </summary>
public sealed record ShapingRuleDto(string Name, IReadOnlyList<string>? Mx = null, IReadOnlyList<string>? Domains = null, string? Provider = null,
    string? Source = null, ShapingLimitsDto? Limits = null, IReadOnlyList<BackoffRuleDto>? Backoff = null);
