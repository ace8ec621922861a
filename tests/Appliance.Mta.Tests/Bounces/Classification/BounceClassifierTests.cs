using Appliance.Mta.Bounces.Classification;

namespace Appliance.Mta.Tests.Bounces.Classification;

public sealed class BounceClassifierTests
{
    private static readonly BounceClassifier Classifier = new();

    [Theory]
    [InlineData(550, "5.1.1", "user unknown", BounceCategory.InvalidRecipient, true)]
    [InlineData(552, "5.2.2", "Mailbox full", BounceCategory.QuotaIssues, true)]
    [InlineData(421, "4.7.0", "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", BounceCategory.SpamBlock, false)]
    [InlineData(550, "5.7.26", "Unauthenticated email from example.com is not accepted due to domain's DMARC policy", BounceCategory.AuthenticationFailure, true)]
    [InlineData(421, "4.4.1", "Connection to mx.example.com [192.0.2.1]:25 failed: Connection refused", BounceCategory.ConnectionFailure, false)]
    [InlineData(552, "5.3.4", "Message too large", BounceCategory.MessageTooLarge, true)]
    [InlineData(451, "4.4.2", "mx.example.com: Broken pipe during DATA", BounceCategory.ConnectionFailure, false)]
    public void Classifies_typical_replies(int code, string enhanced, string text, BounceCategory category, bool hard)
    {
        var verdict = Classifier.Classify(code, enhanced, text);
        Assert.Equal(category, verdict.Category);
        Assert.Equal(hard, verdict.Hard);
    }

    [Fact]
    public void The_status_table_decides_when_no_rule_matches()
    {
        Assert.Equal(BounceCategory.BadDomain, Classifier.Classify(550, "5.1.2", "zzz").Category);
        Assert.Equal(BounceCategory.Uncategorized, Classifier.Classify(550, null, "zzz").Category);
    }

    [Fact]
    public void Wrapped_multi_line_replies_match_across_the_repeated_codes()
    {
        var verdict = Classifier.Classify(550, "5.7.1", "550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header are not accepted");
        Assert.Equal(BounceCategory.ProtocolError, verdict.Category);
    }

    [Fact]
    public void A_rule_can_make_a_4xx_hard_and_the_category_action_then_forbids_retry()
    {
        var doc = BounceRuleSet.ShippedRules;
        var custom = new BounceRuleDefinition { Id = "custom-4xx-unknown", Pattern = "no such mailbox here", Category = "InvalidRecipient", Hard = true };
        var classifier = new BounceClassifier(BounceRuleSet.Compile(doc, [custom]));
        var verdict = classifier.Classify(450, "4.1.1", "no such mailbox here");
        Assert.True(verdict.Hard);
        Assert.False(verdict.Action.RetryAllowed);
        Assert.True(verdict.Action.Suppress);
        Assert.False(Classifier.Classify(450, "4.2.0", "try later").Hard);
    }

    [Fact]
    public void Reload_swaps_the_rules_live_and_names_the_deciding_rule()
    {
        var classifier = new BounceClassifier();
        Assert.Equal(BounceCategory.Uncategorized, classifier.Classify(550, null, "frobnicated zork 42").Category);
        var custom = new BounceRuleDefinition { Id = "frob", Pattern = "frobnicated", Category = "SpamBlock" };
        BounceRuleSet? seen = null;
        classifier.Reloaded += s => seen = s;
        classifier.Reload(BounceRuleSet.Compile(BounceRuleSet.ShippedRules, [custom]));
        Assert.Equal(BounceCategory.SpamBlock, classifier.Classify(550, null, "frobnicated zork 42", out var rule).Category);
        Assert.Equal("frob", rule);
        Assert.Same(classifier.Rules, seen);
    }
}
