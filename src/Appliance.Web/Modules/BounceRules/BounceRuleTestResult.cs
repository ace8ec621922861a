namespace Appliance.Web.Modules.BounceRules;

/// <summary>How a candidate rule fares on recent real failure responses.</summary>
public sealed record BounceRuleTestResult(int Examined, int Matched, IReadOnlyList<BounceRuleTestMatch> Matches);

/// <summary>One recent response the candidate rule matches, with the category it gets today.</summary>
public sealed record BounceRuleTestMatch(DateTimeOffset Timestamp, string? Recipient, string Response, string CurrentCategory, string? CurrentRule);
