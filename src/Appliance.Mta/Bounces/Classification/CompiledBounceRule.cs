using System.Text.RegularExpressions;

namespace Appliance.Mta.Bounces.Classification;

/// <summary>A validated rule with its compiled regexes.</summary>
public sealed record CompiledBounceRule(BounceRuleDefinition Definition, Regex Pattern, Regex? Status, BounceCategory Category, bool Custom)
{
    /// <summary>The rule's identifier (<see cref="BounceRuleDefinition.Id"/>).</summary>
    public string Id => Definition.Id;

    /// <summary>The precedence stage of the rule: custom first, then provider-specific, then (after the status code) generic.</summary>
    public BounceClassificationStage Stage => Custom ? BounceClassificationStage.Custom
        : Definition.Generic ? BounceClassificationStage.GenericText : BounceClassificationStage.Provider;

    /// <summary>True when the rule matches; a regex that times out counts as no match.</summary>
    public bool Matches(string? enhancedCode, string subject)
    {
        try
        {
            if (Status is not null && (enhancedCode is null || !Status.IsMatch(enhancedCode))) return false;
            return Pattern.IsMatch(subject);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
