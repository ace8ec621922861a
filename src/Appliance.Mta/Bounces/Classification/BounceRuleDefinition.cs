namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// One regex rule as written in the rules file (or by an admin). <see cref="Pattern"/> is matched, case-insensitively,
/// against "{reply code} {enhanced code} {text}"; <see cref="Status"/>, when set, must also match the enhanced code.
/// </summary>
public sealed record BounceRuleDefinition
{
    /// <summary>
    /// Stable identifier of the rule: unique within a rule set, shown in events and the admin UI as the rule that
    /// matched.
    /// </summary>
    public required string Id { get; init; }
    /// <summary>Informative: the provider or MTA whose responses the rule targets ("Gmail", "Generic").</summary>
    public string? Provider { get; init; }
    /// <summary>
    /// The .NET regex matched case-insensitively against "{reply code} {enhanced code} {text}" (timeout <see
    /// cref="BounceRuleSet.MatchTimeout"/>).
    /// </summary>
    public required string Pattern { get; init; }
    /// <summary>Optional regex over the RFC 3463 enhanced status code ("^5\.1\.").</summary>
    public string? Status { get; init; }
    /// <summary>A <see cref="BounceCategory"/> name.</summary>
    public required string Category { get; init; }
    /// <summary>Overrides the hard/soft verdict of the category and code (e.g. a 4xx with 5.1.1 semantics is hard).</summary>
    public bool? Hard { get; init; }
    /// <summary>
    /// A generic text rule (keywords any MTA may write, "policy", "user unknown"): runs after the enhanced status code's
    /// meaning, where a provider- or MTA-specific rule runs before it. Ignored on custom rules, which always run first.
    /// </summary>
    public bool Generic { get; init; }
    /// <summary>Free text for administrators (what the rule catches, a sample reply); not used in matching.</summary>
    public string? Description { get; init; }
}
