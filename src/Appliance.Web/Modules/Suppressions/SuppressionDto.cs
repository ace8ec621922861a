namespace Appliance.Web.Modules.Suppressions;

/// <summary>A suppression as the API and pages show it (scope and reason in camelCase).</summary>
public sealed record SuppressionDto(long Id, string Address, string Scope, string ScopeKey, string Reason, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, string? SourceType, string? SourceMessageId, string? SourceResponse);
