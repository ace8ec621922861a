namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// One limit of a ready queue and where it came from: origin default, provider (rule = provider rule name), override
/// (rule = override name) or backoff (rule, the response that triggered it and when it ends).
/// </summary>
public sealed record EffectiveLimitDto(string Limit, string? Value, string Origin, string? Rule, string? TriggerResponse = null, DateTimeOffset? Until = null);
