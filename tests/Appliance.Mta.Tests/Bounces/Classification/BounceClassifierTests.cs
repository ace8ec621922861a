using Appliance.Mta.Bounces.Classification;

namespace Appliance.Mta.Tests.Bounces.Classification;

public sealed class BounceClassifierTests
{
    private static readonly BounceClassifier Classifier = new();

    [Theory]
    [InlineData(550, "5.1.1", "user unknown", BounceCategory.InvalidRecipient, true)]
    [InlineData(552, "5.2.2", "Mailbox full", BounceCategory.QuotaIssues, false)]
    [InlineData(421, "4.7.0", "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", BounceCategory.SpamBlock, false)]
    [InlineData(550, "5.7.26", "Unauthenticated email from example.com is not accepted due to domain's DMARC policy", BounceCategory.AuthenticationFailure, false)]
    [InlineData(421, "4.4.1", "Connection to mx.example.com [192.0.2.1]:25 failed: Connection refused", BounceCategory.ConnectionFailure, false)]
    [InlineData(552, "5.3.4", "Message too large", BounceCategory.MessageTooLarge, false)]
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

    /// <summary>
    /// The enhanced code's registered meaning (RFC 3463 §3, RFC 7372 §3, RFC 5248 registry) and the hard/soft verdict that
    /// follows from category and code, with text that names nothing more specific ("zzz").
    /// </summary>
    [Theory]
    [InlineData("5.1.1", BounceCategory.InvalidRecipient, true)]   // RFC 3463 §3.2 bad destination mailbox address
    [InlineData("4.1.1", BounceCategory.InvalidRecipient, false)]  // transient: never hard
    [InlineData("5.1.2", BounceCategory.BadDomain, true)]          // §3.2 bad destination system address
    [InlineData("5.1.3", BounceCategory.InvalidRecipient, true)]   // §3.2 bad destination mailbox address syntax
    [InlineData("5.1.6", BounceCategory.InvalidRecipient, true)]   // §3.2 destination mailbox has moved
    [InlineData("5.1.10", BounceCategory.BadDomain, true)]         // RFC 7505 §4.2 null MX
    [InlineData("5.2.1", BounceCategory.InactiveMailbox, true)]    // §3.3 mailbox disabled
    [InlineData("5.2.2", BounceCategory.QuotaIssues, false)]       // §3.3 mailbox full: "useful for persistent transient errors"
    [InlineData("4.2.2", BounceCategory.QuotaIssues, false)]
    [InlineData("5.2.3", BounceCategory.MessageTooLarge, false)]   // §3.3 message length exceeds administrative limit
    [InlineData("5.3.4", BounceCategory.MessageTooLarge, false)]   // §3.4 message too big for system
    [InlineData("4.3.2", BounceCategory.ConnectionFailure, false)] // §3.4 system not accepting network messages
    [InlineData("4.4.1", BounceCategory.ConnectionFailure, false)] // §3.5 no answer from host
    [InlineData("4.4.5", BounceCategory.Throttled, false)]         // §3.5 mail system congestion
    [InlineData("4.4.7", BounceCategory.MessageExpired, false)]    // §3.5 delivery time expired
    [InlineData("5.5.2", BounceCategory.ProtocolError, false)]     // §3.6 syntax error
    [InlineData("5.7.1", BounceCategory.PolicyRelated, false)]     // §3.8 delivery not authorized: the address is fine
    [InlineData("5.7.13", BounceCategory.InactiveMailbox, true)]   // RFC 5248 registry: user account disabled
    [InlineData("5.7.23", BounceCategory.AuthenticationFailure, false)] // RFC 7372 §3.2 SPF validation failed
    [InlineData("5.7.25", BounceCategory.SpamBlock, false)]        // RFC 7372 §3.3 reverse DNS validation failed
    [InlineData("5.7.26", BounceCategory.AuthenticationFailure, false)] // RFC 7372 §3.4 multiple authentication checks failed
    [InlineData("5.7.27", BounceCategory.PolicyRelated, false)]    // RFC 7505 §4.3 sender address has null MX: about the sender
    public void The_enhanced_code_table_follows_the_RFCs(string enhanced, BounceCategory category, bool hard)
    {
        var code = enhanced[0] == '5' ? 550 : 450;
        var verdict = Classifier.Classify(code, enhanced, "zzz");
        Assert.Equal(category, verdict.Category);
        Assert.Equal(hard, verdict.Hard);
    }

    [Fact]
    public void A_specific_status_code_beats_generic_text()
    {
        // RFC 7372 §3.2: X.7.23 is "SPF validation failed"; the word "policy" must not make it PolicyRelated.
        var spf = Classifier.Classify(550, "5.7.23", "The message was rejected because of Sender Policy Framework violation", out var rule);
        Assert.Equal(BounceCategory.AuthenticationFailure, spf.Category);
        Assert.Equal(BounceClassificationStage.StatusCode, spf.Stage);
        Assert.Null(rule);
        // RFC 3463 §3.8: a relay refusal is X.7.1, the receiver's policy, not a routing error.
        Assert.Equal(BounceCategory.PolicyRelated, Classifier.Classify(550, "5.7.1", "Relay access denied").Category);
        // X.2.2 names a full mailbox even when the text talks about a "policy".
        Assert.Equal(BounceCategory.QuotaIssues, Classifier.Classify(552, "5.2.2", "Mailbox over quota per site policy").Category);
    }

    [Fact]
    public void Generic_text_refines_catch_all_codes_and_provider_rules_beat_codes()
    {
        // X.Y.0 is "other or undefined" (RFC 3463 §3): the text decides.
        var unknown = Classifier.Classify(550, "5.0.0", "User unknown");
        Assert.Equal((BounceCategory.InvalidRecipient, BounceClassificationStage.GenericText, true), (unknown.Category, unknown.Stage, unknown.Hard));
        // X.7.1 is the catch-all refusal: a DNSBL listing is a spam block.
        Assert.Equal(BounceCategory.SpamBlock, Classifier.Classify(554, "5.7.1", "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org").Category);
        // A provider's own wording beats the code it sends (Gmail sends 5.7.1 for From: header violations).
        var gmail = Classifier.Classify(550, "5.7.1", "Messages with multiple addresses in From: header are not accepted");
        Assert.Equal(BounceClassificationStage.Provider, gmail.Stage);
        // The basic reply code is the last resort (RFC 5321 §4.2.2: 553 mailbox name not allowed).
        var basic = Classifier.Classify(553, null, "zzz");
        Assert.Equal((BounceCategory.InvalidRecipient, BounceClassificationStage.ReplyCode, true), (basic.Category, basic.Stage, basic.Hard));
    }

    [Fact]
    public void A_dsn_diagnostic_with_its_own_enhanced_code_is_classified_by_that_code()
    {
        // RFC 3464 §2.3.6: the Diagnostic-Code is the remote's reply; the Status 5.1.1 is the reporting MTA's summary.
        var verdict = Classifier.Classify(552, "5.1.1", "552 5.2.2 Over quota");
        Assert.Equal(BounceCategory.QuotaIssues, verdict.Category);
        Assert.False(verdict.Hard);
    }

    [Fact]
    public void Custom_rules_come_before_everything()
    {
        var custom = new BounceRuleDefinition { Id = "mine", Pattern = "Sender Policy Framework", Category = "SpamBlock" };
        var classifier = new BounceClassifier(BounceRuleSet.Compile(BounceRuleSet.ShippedRules, [custom]));
        var verdict = classifier.Classify(550, "5.7.23", "The message was rejected because of Sender Policy Framework violation");
        Assert.Equal((BounceCategory.SpamBlock, BounceClassificationStage.Custom), (verdict.Category, verdict.Stage));
    }
}
