namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>GET /api/v1/shaping/rules: the shipped provider rules (read-only), the admin overrides and the global backoff rules.</summary>
public sealed record ShapingRulesDto(IReadOnlyList<ShapingRuleDto> Providers, IReadOnlyList<ShapingRuleDto> Overrides, IReadOnlyList<BackoffRuleDto> GlobalBackoff);
