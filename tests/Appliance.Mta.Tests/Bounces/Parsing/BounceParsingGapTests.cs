using System.Text;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Bounces.Parsing;

namespace Appliance.Mta.Tests.Bounces.Parsing;

/// <summary>Shapes of real bounces the parser once could not read (issue 17): each test fails on the older parser.</summary>
public sealed class BounceParsingGapTests
{
    private static BounceReport? Parse(string raw, Encoding? encoding = null) =>
        BounceParser.TryParse(new MemoryStream((encoding ?? Encoding.ASCII).GetBytes(raw.ReplaceLineEndings("\r\n"))));

    private const string Head = """
        From: MAILER-DAEMON@mx.example.net
        To: sender@example.org
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0

        """;

    [Fact]
    public void Recipient_blocks_without_a_blank_line_between_them_are_two_recipients()
    {
        var report = Parse(Head.Replace("MIME-Version: 1.0", "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"", StringComparison.Ordinal) + """
            --b
            Content-Type: text/plain

            Delivery failed.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; full@example.jp
            Action: failed
            Status: 5.2.2
            Diagnostic-Code: smtp; 550 5.2.2 Mailbox Full
            Final-Recipient: rfc822; gone@example.jp
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 User Unknown

            --b--
            """);
        Assert.NotNull(report);
        Assert.Equal(["full@example.jp", "gone@example.jp"], report.Recipients.Select(r => r.Address));
        Assert.Equal(["5.2.2", "5.1.1"], report.Recipients.Select(r => r.Status));
    }

    [Fact]
    public void A_dsn_forwarded_as_an_attached_message_is_read_as_the_dsn()
    {
        var report = Parse(Head.Replace("MIME-Version: 1.0", "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"", StringComparison.Ordinal) + """
            --outer
            Content-Type: text/plain

            The attached notice could not be delivered to you.
            --outer
            Content-Type: message/rfc822

            From: MAILER-DAEMON@relay.example.net
            To: sender@example.org
            Subject: failure notice
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

            --inner
            Content-Type: text/plain

            Delivery failed.
            --inner
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.net

            Final-Recipient: rfc822; nobody@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 User unknown

            --inner--
            --outer--
            """);
        Assert.NotNull(report);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(("nobody@example.com", "5.1.1", 550), (recipient.Address, recipient.Status, recipient.ReplyCode));
    }

    [Fact]
    public void A_text_bounce_in_iso_2022_jp_is_decoded()
    {
        // The JIS bytes as Lotus Notes sent them (ESC $ B ... ESC ( B), written out so the test needs no encoder.
        const string jis = "\u001b$B%G%#%l%/%H%j$N%j%9%H$K$\"$j$^$;$s\u001b(B";
        var report = Parse(Head.Replace("MIME-Version: 1.0", "MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP", StringComparison.Ordinal)
            + "------- Failure Reasons  --------\n\n" + jis + "\nkijitora@example.co.jp\n");
        Assert.NotNull(report);
        var recipient = Assert.Single(report.Recipients);
        Assert.Contains("ディレクトリのリストにありません", recipient.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(BounceCategory.InvalidRecipient, new BounceClassifier().Classify(recipient).Category);
    }

    [Theory]
    [InlineData("failed", null, "4.4.1", "connect to example.com[192.0.2.1]: Connection timed out", BounceCategory.MessageExpired)]
    [InlineData("failed", 421, null, "421 Host not reachable", BounceCategory.MessageExpired)]
    [InlineData("delayed", null, "4.4.1", "connect to example.com[192.0.2.1]: Connection timed out", BounceCategory.ConnectionFailure)]
    [InlineData("failed", 550, "5.4.1", "550 5.4.1 connection refused", BounceCategory.ConnectionFailure)]
    [InlineData("failed", 452, "4.2.2", "452 4.2.2 Mailbox full", BounceCategory.QuotaIssues)]
    public void A_failed_transient_connection_failure_is_an_expiry(string action, int? reply, string? status, string diagnostic, BounceCategory expected)
    {
        var recipient = new BouncedRecipient("a@example.com", status, reply, diagnostic, action);
        Assert.Equal(expected, new BounceClassifier().Classify(recipient).Category);
    }
}
