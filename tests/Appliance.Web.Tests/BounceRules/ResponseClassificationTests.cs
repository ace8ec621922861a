using Appliance.Mta.Bounces.Classification;
using Appliance.Web.Modules.BounceRules;

namespace Appliance.Web.Tests.BounceRules;

/// <summary>The bounce rules page's "classify a reply" box: codes read from the pasted reply, verdict and deciding stage.</summary>
public sealed class ResponseClassificationTests
{
    [Theory]
    [InlineData("550 5.7.23 The message was rejected because of Sender Policy Framework violation", "AuthenticationFailure", false, "StatusCode")]
    [InlineData("550 5.7.1 Relay access denied", "PolicyRelated", false, "GenericText")]
    [InlineData("552 5.2.2 Mailbox full", "QuotaIssues", false, "StatusCode")]
    [InlineData("550 5.1.1 The email account that you tried to reach does not exist", "InvalidRecipient", true, "Provider")]
    public void A_pasted_reply_shows_category_hard_soft_and_the_deciding_stage(string reply, string category, bool hard, string stage)
    {
        var c = ResponseClassification.Of(new BounceClassifier(), reply);
        Assert.Equal((category, hard, stage), (c.Category, c.Hard, c.Stage));
    }
}
