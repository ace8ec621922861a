namespace Appliance.Mta.Bounces.Classification;

/// <summary>The rules file (bounce-rules.json) as data: category actions, status code table, ordered regex rules, basic reply code table.</summary>
public sealed record BounceRulesDocument
{
    /// <summary>Format version of the rules file; 1 is the only version read today.</summary>
    public int Version { get; init; } = 1;
    /// <summary>Category name (a <see cref="BounceCategory"/> name) to the action the engine takes for it.</summary>
    public Dictionary<string, BounceActionDefinition> Actions { get; init; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Enhanced status codes (exact "5.1.1", or "X.1.1" / "X.1.*" patterns) to categories: the RFC 3463 registry as
    /// data.
    /// </summary>
    public List<BounceStatusMapping> StatusCodes { get; init; } = [];
    /// <summary>
    /// Regex rules in precedence order (provider-specific and generic; see <see cref="BounceRuleDefinition.Generic"/>).
    /// </summary>
    public List<BounceRuleDefinition> Rules { get; init; } = [];
    /// <summary>
    /// Basic reply codes (RFC 5321 §4.2.2, e.g. 552) to categories: the last resort before Uncategorized.
    /// </summary>
    public List<BounceReplyCodeMapping> ReplyCodes { get; init; } = [];
}
