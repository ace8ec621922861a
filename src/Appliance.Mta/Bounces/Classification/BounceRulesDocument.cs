namespace Appliance.Mta.Bounces.Classification;

/// <summary>The rules file (bounce-rules.json) as data: category actions, status code table, ordered regex rules, basic reply code table.</summary>
public sealed record BounceRulesDocument
{
    public int Version { get; init; } = 1;
    public Dictionary<string, BounceActionDefinition> Actions { get; init; } = new(StringComparer.Ordinal);
    public List<BounceStatusMapping> StatusCodes { get; init; } = [];
    public List<BounceRuleDefinition> Rules { get; init; } = [];
    public List<BounceReplyCodeMapping> ReplyCodes { get; init; } = [];
}
