namespace Appliance.Web.Modules.BounceRules;

/// <summary>A rule as the API shows it; <see cref="Source"/> is "custom" (editable) or "shipped".</summary>
public sealed record BounceRuleDto(string Id, string Source, int? Position, string? Provider, string Pattern, string? Status,
    string Category, bool? Hard, string? Description);
