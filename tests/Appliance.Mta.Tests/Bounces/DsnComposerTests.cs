using System.Text;
using Appliance.Mta.Bounces;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using MimeKit;

namespace Appliance.Mta.Tests.Bounces;

public class DsnComposerTests
{
    private const string Original = "From: Alice <alice@sender.test>\r\nTo: bob@dest.test\r\nSubject: Quarterly report\r\nMessage-ID: <orig-1@sender.test>\r\n\r\nThe body text\r\nsecond line\r\n";
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 20, 30, TimeSpan.Zero);

    private static MessageEnvelope Envelope(DsnReturn ret = DsnReturn.Default, string? envId = "ENV-42", params EnvelopeRecipient[] recipients) => new()
    {
        MailFrom = "alice@sender.test",
        Recipients = recipients.Length > 0 ? recipients : [new EnvelopeRecipient("bob@dest.test")],
        TenantId = "tenant-a",
        ReceivedAt = Now.AddHours(-2),
        ClientAddress = "127.0.0.1",
        EnvId = envId,
        Ret = ret,
        MessageIdHeader = "orig-1@sender.test",
        Stream = "transactional",
    };

    private static DsnRequest Request(MessageEnvelope env, DsnKind kind = DsnKind.Failure, string content = Original, params DsnRecipientStatus[] statuses) =>
        new(env, "Q123", Encoding.UTF8.GetBytes(content),
            statuses.Length > 0 ? statuses : [new DsnRecipientStatus(env.Recipients[0], new SmtpReply(550, "5.1.1", "User unknown"), "mx.dest.test [192.0.2.5]:25", Now.AddMinutes(-1))],
            "mta.appliance.test", Now, kind);

    private static MimeMessage Parse(byte[] content) => MimeMessage.Load(new MemoryStream(content));

    /// <summary>Status groups as parsed back; MimeKit may add an empty group for the closing blank line.</summary>
    private static List<HeaderList> Groups(MessageDeliveryStatus status) => status.StatusGroups.Where(g => g.Count > 0).ToList();

    [Fact]
    public void Failure_dsn_has_the_rfc3464_structure_and_fields()
    {
        var env = Envelope(recipients: [new EnvelopeRecipient("bob@dest.test", DsnNotify.Failure, "rfc822;Bob+2Bx@dest.test")]);

        var (dsnEnvelope, content) = DsnComposer.Compose(Request(env));
        var dsn = Parse(content);

        Assert.Equal("Undelivered Mail Returned to Sender", dsn.Subject);
        Assert.Equal("MAILER-DAEMON@mta.appliance.test", dsn.From.Mailboxes.Single().Address);
        Assert.Equal("alice@sender.test", dsn.To.Mailboxes.Single().Address);
        Assert.Equal("auto-replied", dsn.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(dsn.MessageId));
        Assert.Equal(Now, dsn.Date);
        Assert.Equal("orig-1@sender.test", dsn.InReplyTo);

        var report = Assert.IsType<MultipartReport>(dsn.Body);
        Assert.Equal("delivery-status", report.ReportType);
        Assert.Equal(3, report.Count);
        var human = Assert.IsType<TextPart>(report[0]);
        Assert.Contains("<bob@dest.test>: host mx.dest.test said: 550 5.1.1 User unknown", human.Text, StringComparison.Ordinal);

        var status = Assert.IsType<MessageDeliveryStatus>(report[1]);
        var groups = Groups(status);
        Assert.Equal(2, groups.Count);
        var perMessage = groups[0];
        Assert.Equal("dns; mta.appliance.test", perMessage["Reporting-MTA"]);
        Assert.Equal("ENV-42", perMessage["Original-Envelope-Id"]);
        Assert.Equal(Now.AddHours(-2), MimeKit.Utils.DateUtils.TryParse(perMessage["Arrival-Date"], out var arrival) ? arrival : default);
        var perRecipient = groups[1];
        Assert.Equal("rfc822; Bob+x@dest.test", perRecipient["Original-Recipient"]);
        Assert.Equal("rfc822; bob@dest.test", perRecipient["Final-Recipient"]);
        Assert.Equal("failed", perRecipient["Action"]);
        Assert.Equal("5.1.1", perRecipient["Status"]);
        Assert.Equal("dns; mx.dest.test", perRecipient["Remote-MTA"]);
        Assert.Equal("smtp; 550 5.1.1 User unknown", perRecipient["Diagnostic-Code"]);
        Assert.True(MimeKit.Utils.DateUtils.TryParse(perRecipient["Last-Attempt-Date"], out var last));
        Assert.Equal(Now.AddMinutes(-1), last);

        Assert.Equal("", dsnEnvelope.MailFrom);
        Assert.Equal("alice@sender.test", Assert.Single(dsnEnvelope.Recipients).Address);
        Assert.Equal("tenant-a", dsnEnvelope.TenantId);
        Assert.True(dsnEnvelope.IsDsn);
        Assert.Equal(dsn.MessageId, dsnEnvelope.MessageIdHeader);
    }

    [Fact]
    public void Default_return_is_headers_only()
    {
        var (_, content) = DsnComposer.Compose(Request(Envelope()));

        var part = Assert.IsType<TextRfc822Headers>(((MultipartReport)Parse(content).Body!)[2]);
        Assert.Equal("text/rfc822-headers", part.ContentType.MimeType);
        Assert.Equal("Quarterly report", part.Message!.Subject);
        Assert.DoesNotContain("The body text", Encoding.UTF8.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public void Ret_full_returns_the_whole_original()
    {
        var (_, content) = DsnComposer.Compose(Request(Envelope(DsnReturn.Full)));

        var part = Assert.IsType<MessagePart>(((MultipartReport)Parse(content).Body!)[2]);
        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.Equal("Quarterly report", part.Message!.Subject);
        Assert.Contains("The body text", part.Message!.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Ret_full_of_a_big_original_falls_back_to_headers()
    {
        var big = Original + new string('x', 80) + "\r\n" + string.Concat(Enumerable.Repeat(new string('y', 998) + "\r\n", 1100));

        var (_, content) = DsnComposer.Compose(Request(Envelope(DsnReturn.Full), content: big));

        Assert.IsType<TextRfc822Headers>(((MultipartReport)Parse(content).Body!)[2]);
        Assert.True(content.Length < DsnComposer.MaxReturnedContent);
    }

    [Fact]
    public void Delay_dsn_says_delayed_and_only_goes_to_recipients_asking_for_delay()
    {
        var env = Envelope(envId: null, recipients: [new EnvelopeRecipient("d1@dest.test", DsnNotify.Delay | DsnNotify.Failure), new EnvelopeRecipient("d2@dest.test")]);
        var reply = new SmtpReply(451, "4.7.1", "Greylisted");

        var (_, content) = DsnComposer.Compose(Request(env, DsnKind.Delay, Original,
            new DsnRecipientStatus(env.Recipients[0], reply, null, null), new DsnRecipientStatus(env.Recipients[1], reply, null, null)));
        var dsn = Parse(content);

        Assert.Equal("Delayed Mail (still being retried)", dsn.Subject);
        var status = (MessageDeliveryStatus)((MultipartReport)dsn.Body!)[1];
        var groups = Groups(status);
        Assert.Equal(2, groups.Count);
        Assert.Null(groups[0]["Original-Envelope-Id"]);
        Assert.Equal("rfc822; d1@dest.test", groups[1]["Final-Recipient"]);
        Assert.Equal("delayed", groups[1]["Action"]);
        Assert.Equal("4.7.1", groups[1]["Status"]);
        Assert.Null(groups[1]["Remote-MTA"]);
    }

    [Theory]
    [InlineData(550, null, "5.0.0")]
    [InlineData(451, null, "4.0.0")]
    [InlineData(550, "4.2.2", "5.2.2")]
    [InlineData(554, "5.7.1", "5.7.1")]
    public void Status_comes_from_the_enhanced_code_with_the_basic_class(int code, string? enhanced, string expected)
    {
        var reply = new SmtpReply(code, enhanced is null ? null : EnhancedStatusCode.Parse(enhanced), ["x"]);

        Assert.Equal(expected, DsnComposer.StatusCode(reply, DsnKind.Failure));
    }

    [Fact]
    public void Compose_refuses_when_nobody_wants_the_dsn()
    {
        var env = Envelope(recipients: [new EnvelopeRecipient("bob@dest.test", DsnNotify.Never)]);

        Assert.False(DsnComposer.TryCompose(Request(env), out _, out _));
        Assert.Throws<InvalidOperationException>(() => DsnComposer.Compose(Request(env)));
    }

    [Theory]
    // notify, kind, expected (sender "alice", not a DSN)
    [InlineData(DsnNotify.Default, DsnKind.Failure, true)]
    [InlineData(DsnNotify.Default, DsnKind.Delay, false)]
    [InlineData(DsnNotify.Never, DsnKind.Failure, false)]
    [InlineData(DsnNotify.Never, DsnKind.Delay, false)]
    [InlineData(DsnNotify.Failure, DsnKind.Failure, true)]
    [InlineData(DsnNotify.Failure, DsnKind.Delay, false)]
    [InlineData(DsnNotify.Delay, DsnKind.Failure, false)]
    [InlineData(DsnNotify.Delay, DsnKind.Delay, true)]
    [InlineData(DsnNotify.Success, DsnKind.Failure, false)]
    [InlineData(DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay, DsnKind.Failure, true)]
    [InlineData(DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay, DsnKind.Delay, true)]
    public void ShouldSend_follows_notify(DsnNotify notify, DsnKind kind, bool expected)
    {
        var r = new EnvelopeRecipient("bob@dest.test", notify);

        Assert.Equal(expected, DsnComposer.ShouldSend(Envelope(recipients: [r]), r, kind));
    }

    [Theory]
    [InlineData(DsnKind.Failure)]
    [InlineData(DsnKind.Delay)]
    public void ShouldSend_is_false_for_null_sender_and_for_dsns(DsnKind kind)
    {
        var r = new EnvelopeRecipient("bob@dest.test", DsnNotify.Failure | DsnNotify.Delay);

        Assert.False(DsnComposer.ShouldSend(Envelope(recipients: [r]) with { MailFrom = "" }, r, kind));
        Assert.False(DsnComposer.ShouldSend(Envelope(recipients: [r]) with { IsDsn = true }, r, kind));
        Assert.True(DsnComposer.ShouldSend(Envelope(recipients: [r]), r, kind));
    }
}
