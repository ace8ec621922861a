namespace Appliance.Web.Modules.BounceRules;

/// <summary>Body of POST/PUT /api/v1/bounce-rules/{id} and of POST /api/v1/bounce-rules/test (Id optional there).</summary>
public sealed record BounceRuleRequest(string? Pattern, string? Category, string? Status = null, bool? Hard = null,
    string? Provider = null, string? Description = null, int? Position = null);
