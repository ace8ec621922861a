using System.Text;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Bounces.Parsing;

/// <summary>
/// Corpus bounces the parser could not read until issue 17's last step (sisimai agreement 93.8 % → 95.5 %): each test
/// names the sisimai corpus message and fails on the older parser.
/// </summary>
public sealed class SisimaiCorpusGapTests
{
    private static readonly BounceClassifier Classifier = new();

    private static BounceReport Parse(string file)
    {
        var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "sisimai", file));
        Assert.NotNull(report);
        return report;
    }

    private static BouncedRecipient Recipient(BounceReport report, string address) =>
        Assert.Single(report.Recipients, r => r.Address.Equals(address, StringComparison.OrdinalIgnoreCase));

    [CorpusFact("bounces")]
    public void A_v5_sendmail_transcript_gives_the_recipient_the_remote_reply_of_its_own_command()
    {
        // lhost-v5sendmail-06: ">>> MAIL From" / "<<< 550 Insecure Mail Relay" / "554 <kijitora@example.edu>... Remote
        // protocol error", then another host's "421 ... Connection timed out", which used to be read as the reason.
        var edu = Recipient(Parse("lhost-v5sendmail-06.eml"), "kijitora@example.edu");
        Assert.Equal(550, edu.ReplyCode);
        Assert.Contains("Insecure Mail Relay", edu.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain("timed out", edu.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.PolicyRelated, Classifier.Classify(edu).Category);
    }

    [CorpusFact("bounces")]
    public void A_v5_sendmail_transcript_with_four_recipients_keeps_each_recipients_error_apart()
    {
        // lhost-v5sendmail-05: one transcript, three hosts, four recipients.
        var report = Parse("lhost-v5sendmail-05.eml");
        var edu = Recipient(report, "kijitora@example.edu");
        Assert.Equal(550, edu.ReplyCode);
        Assert.Contains("Your E-Mail is redundant", edu.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain("Host unknown", edu.Diagnostic, StringComparison.Ordinal);
        var orJp = Recipient(report, "kuroneko@example.or.jp");
        Assert.DoesNotContain("redundant", orJp.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.BadDomain, Classifier.Classify(orJp).Category);
        var coJp = Recipient(report, "mikeneko@example.co.jp");
        Assert.Contains("Requested User Mailbox not found", coJp.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.InvalidRecipient, Classifier.Classify(coJp).Category);
    }

    [CorpusFact("bounces")]
    public void A_mailing_list_refusing_a_non_member_is_a_policy_bounce_of_the_list_address()
    {
        // lhost-fml-02: fml's "You are not a member of this mailing list <neko-nyaan@example.org>", sent by the list's
        // admin address (not a daemon) with no bounce subject: it used to be no bounce at all.
        var list = Recipient(Parse("lhost-fml-02.eml"), "neko-nyaan@example.org");
        Assert.Contains("not a member of this mailing list", list.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.PolicyRelated, Classifier.Classify(list).Category);
    }

    [Fact]
    public void A_mailing_list_post_about_members_is_not_a_bounce()
    {
        var raw = """
            From: Club <club@lists.example.org>
            To: member@example.net
            Subject: Members only meetup: bring a friend who is a non-member
            List-Id: <club.lists.example.org>
            Date: Sun, 06 Dec 2026 10:00:00 +0000
            Message-ID: <post-1@lists.example.org>

            The members-only meetup is on Friday; a non-member may come along with you. Write to friend@example.com.
            """;
        Assert.Null(BounceParser.TryParse(new MemoryStream(Encoding.ASCII.GetBytes(raw.ReplaceLineEndings("\r\n")))));
    }

    [CorpusFact("bounces")]
    public void An_apache_james_notice_takes_the_error_above_its_message_details()
    {
        // lhost-apachejames-01: "Error message below: 550 - Requested action not taken: no such user here" above a
        // "Message details:" block whose "RCPT TO:" line names the recipient; the text after it is message details.
        var report = Parse("lhost-apachejames-01.eml");
        var recipient = Assert.Single(report.Recipients, r => r.Address.EndsWith("@vtext.example.com", StringComparison.Ordinal));
        Assert.Equal(550, recipient.ReplyCode);
        Assert.Contains("no such user here", recipient.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.InvalidRecipient, Classifier.Classify(recipient).Category);
    }

    [CorpusFact("bounces")]
    public void A_gateway_notice_listing_recipients_under_an_aborted_after_hours_heading_is_an_expiry()
    {
        // lhost-x3-02: "Delevery to the following recipients was aborted after 5.0 hour(s):" above "* kijitora@...".
        var recipient = Recipient(Parse("lhost-x3-02.eml"), "kijitora@example.co.jp");
        Assert.Contains("aborted after 5.0 hour(s)", recipient.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.MessageExpired, Classifier.Classify(recipient).Category);
    }

    [CorpusFact("bounces")]
    public void A_line_limit_refusal_after_end_of_data_is_a_message_too_large()
    {
        // lhost-exim-58: "SMTP error from remote mail server after end of data: ... 500 Line limit exceeded".
        var recipient = Recipient(Parse("lhost-exim-58.eml"), "kijitora@example.us");
        Assert.Equal(500, recipient.ReplyCode);
        Assert.Equal(BounceCategory.MessageTooLarge, Classifier.Classify(recipient).Category);
    }
}
