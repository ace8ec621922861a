using Appliance.Mta.Bounces.Classification;

namespace Appliance.Mta.Tests.Bounces.Classification;

public sealed class BounceRuleValidationTests
{
    private static BounceRulesDocument Document(params BounceRuleDefinition[] rules) =>
        BounceRuleSet.ShippedRules with { Rules = [.. rules] };

    private static BounceRuleDefinition Rule(string id, string pattern = "x", string category = "InvalidRecipient") =>
        new() { Id = id, Pattern = pattern, Category = category };

    [Fact]
    public void Shipped_rules_validate()
    {
        var set = BounceRuleSet.Shipped();
        Assert.True(set.Rules.Count > 50);
        Assert.Equal(Enum.GetValues<BounceCategory>().Length, set.Actions.Count);
    }

    [Fact]
    public void A_bad_regex_is_reported_with_the_rule_id()
    {
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(Document(Rule("broken", "(unclosed")), []));
        Assert.Contains(ex.Errors, e => e.Contains("rule 'broken' pattern is not a valid regular expression", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_category_is_reported_with_the_known_ones()
    {
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(Document(Rule("r1", category: "Nonsense")), []));
        Assert.Contains(ex.Errors, e => e.Contains("unknown category 'Nonsense'", StringComparison.Ordinal) && e.Contains("InvalidRecipient", StringComparison.Ordinal));
    }

    [Fact]
    public void A_numeric_category_is_not_accepted()
    {
        Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(Document(Rule("r1", category: "3")), []));
    }

    [Fact]
    public void A_duplicate_id_is_reported_also_between_custom_and_shipped_rules()
    {
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(Document(Rule("same"), Rule("same")), []));
        Assert.Contains(ex.Errors, e => e.Contains("rule id 'same' is used twice", StringComparison.Ordinal));
        var shippedId = BounceRuleSet.ShippedRules.Rules[0].Id;
        Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(BounceRuleSet.ShippedRules, [Rule(shippedId)]));
    }

    [Fact]
    public void Every_error_is_collected_before_throwing()
    {
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(Document(Rule("a", "("), Rule("b", category: "Nope"), Rule("", "x")), []));
        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public void Bad_status_keys_and_a_missing_action_are_reported()
    {
        var doc = BounceRuleSet.ShippedRules with
        {
            StatusCodes = [new BounceStatusMapping("5.1", "InvalidRecipient")],
            Actions = new Dictionary<string, BounceActionDefinition>(StringComparer.Ordinal) { ["InvalidRecipient"] = new(true, false, false) },
        };
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Compile(doc, []));
        Assert.Contains(ex.Errors, e => e.Contains("status code '5.1' is not of the form", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("no entry for category 'SpamBlock'", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_json_is_a_validation_error()
    {
        var ex = Assert.Throws<BounceRuleValidationException>(() => BounceRuleSet.Parse("{ not json"));
        Assert.Contains("not valid JSON", ex.Errors[0], StringComparison.Ordinal);
    }
}
