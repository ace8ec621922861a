using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Tests.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Bounces.Classification;

/// <summary>
/// Exim-, Exchange-, Gmail-, Outlook/Office 365- and Yahoo-shaped bounces from the shared corpus (sisimai's files, rows
/// of expected-sisimai.tsv): category and hard/soft per recipient. The cases that the old first-digit rule and the old
/// rule order got wrong are marked: a 550 5.2.2 mailbox full is soft, a 5.7.x refusal is soft.
/// </summary>
public sealed class ProviderShapedBounceTests
{
    [CorpusTheory("bounces")]
    [InlineData("lhost-exim-01.eml", 1, BounceCategory.SpamBlock, false)]                  // 550 5.7.0 blocked
    [InlineData("lhost-exim-02.eml", 1, BounceCategory.InvalidRecipient, true)]            // 550 5.1.1
    [InlineData("lhost-exim-03.eml", 1, BounceCategory.PolicyRelated, false)]              // 554 5.7.0 policy
    [InlineData("lhost-exchange2007-01.eml", 1, BounceCategory.InvalidRecipient, true)]    // 550 5.1.1
    [InlineData("lhost-exchange2007-02.eml", 1, BounceCategory.QuotaIssues, false)]        // 550 5.2.2: soft although 5xx
    [InlineData("lhost-exchange2007-03.eml", 1, BounceCategory.MessageTooLarge, false)]    // 550 5.2.3
    [InlineData("lhost-exchange2007-04.eml", 1, BounceCategory.PolicyRelated, false)]      // 550 5.7.1
    [InlineData("lhost-gmail-01.eml", 1, BounceCategory.InvalidRecipient, true)]           // 550 5.1.1
    [InlineData("lhost-gmail-05.eml", 1, BounceCategory.PolicyRelated, false)]             // 550 5.7.1
    [InlineData("lhost-gmail-06.eml", 1, BounceCategory.QuotaIssues, false)]               // 450 4.2.2
    [InlineData("lhost-office365-01.eml", 1, BounceCategory.InvalidRecipient, true)]       // 550 5.1.10 RecipientNotFound (provider rule)
    [InlineData("lhost-office365-12.eml", 1, BounceCategory.QuotaIssues, false)]           // 550 5.2.2
    [InlineData("lhost-outlook-04.eml", 2, BounceCategory.QuotaIssues, false)]             // 550 5.2.2
    [InlineData("lhost-yahoo-01.eml", 1, BounceCategory.InvalidRecipient, true)]           // 550 5.1.1
    [InlineData("lhost-yahoo-02.eml", 1, BounceCategory.QuotaIssues, false)]               // 550 5.2.2
    public void Provider_shaped_bounces_get_the_category_and_hard_soft_of_their_reply(string file, int index, BounceCategory category, bool hard)
    {
        var row = BounceCorpus.Table(BounceCorpus.Bounces, "expected-sisimai.tsv")
            .Where(r => r["file"] == file).ElementAt(index - 1);
        var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "sisimai", file));
        var recipient = BounceCorpus.Match(report, row["sisimai_recipient"], index);
        Assert.NotNull(recipient);
        var verdict = new BounceClassifier().Classify(recipient);
        Assert.Equal((category, hard), (verdict.Category, verdict.Hard));
    }
}
