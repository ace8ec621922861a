namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>A backoff in force: rule, action, what it applies to (scope and key), the response that triggered it and its end.</summary>
public sealed record ActiveBackoffDto(string Rule, string Action, string Scope, string Key, string? Rate, string TriggerResponse, int Matches,
    DateTimeOffset Since, DateTimeOffset Until);
