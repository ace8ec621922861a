namespace Appliance.Web.Modules.Suppressions;

/// <summary>Search over suppressions: <see cref="Search"/> matches part of the address; paging by skip/take (take ≤ 500).</summary>
public sealed record SuppressionFilter(string? Search = null, string? Scope = null, string? ScopeKey = null, string? Reason = null, int Skip = 0, int Take = 50);
