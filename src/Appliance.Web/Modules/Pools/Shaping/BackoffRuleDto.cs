namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// A backoff rule as the API spells it: a regex over the response line, threshold matches within window, action
/// (suspend, throttle, bounce), scope (queue, site, source), rate for throttle, duration.
/// </summary>
public sealed record BackoffRuleDto(string Name, string Pattern, int? Threshold = null, string? Window = null, string? Action = null,
    string? Scope = null, string? Rate = null, string? Duration = null);
