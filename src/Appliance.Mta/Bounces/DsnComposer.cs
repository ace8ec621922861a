using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using MimeKit;
using MimeKit.Utils;

namespace Appliance.Mta.Bounces;

/// <summary>
/// Writes delivery status notifications (RFC 3464) as multipart/report (RFC 6522): a human-readable text part,
/// a message/delivery-status part, then the original message (RET=FULL, up to <see cref="MaxReturnedContent"/>)
/// or only its header section (RET=HDRS and by default, as RFC 3461 §4.3 allows: less backscatter and no
/// content echoed to forged senders). It decides who gets a DSN (<see cref="ShouldSend"/>) but not when:
/// the queue calls it once recipients fail or are delayed long enough.
/// </summary>
public static class DsnComposer
{
    /// <summary>Originals bigger than this are returned as headers only, even with RET=FULL.</summary>
    public const int MaxReturnedContent = 1024 * 1024;

    /// <summary>
    /// RFC 3461 §4.1 (+ RFC 3464 §2): NOTIFY=NEVER gets nothing; an explicit NOTIFY gets only the kinds it lists;
    /// no NOTIFY is taken as NOTIFY=FAILURE (the minimum RFC 3461 §4.1 allows), so delay warnings go only to
    /// senders who asked for them. A null reverse-path (RFC 5321 §4.5.5) and a DSN never get one.
    /// The tenant's DSN switch is the caller's (ITenantDirectory).
    /// </summary>
    public static bool ShouldSend(MessageEnvelope env, EnvelopeRecipient r, DsnKind kind)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(r);
        if (env.MailFrom.Length == 0 || env.IsDsn) return false;
        if (r.Notify.HasFlag(DsnNotify.Never)) return false;
        var wanted = r.Notify == DsnNotify.Default ? DsnNotify.Failure : r.Notify;
        return wanted.HasFlag(kind == DsnKind.Failure ? DsnNotify.Failure : DsnNotify.Delay);
    }

    /// <summary>Composes the DSN and its envelope (null sender, to the original sender, IsDsn).</summary>
    /// <exception cref="InvalidOperationException">No recipient of the request qualifies (see <see cref="ShouldSend"/>).</exception>
    public static (MessageEnvelope Envelope, byte[] Content) Compose(DsnRequest request) =>
        TryCompose(request, out var envelope, out var content)
            ? (envelope, content)
            : throw new InvalidOperationException("No recipient of this message wants this DSN");

    /// <summary>
    /// Composes the DSN like <see cref="Compose"/>, but returns false (with an empty envelope and content) when no
    /// recipient of <paramref name="request"/> wants this kind of DSN (<see cref="ShouldSend"/>) instead of throwing.
    /// </summary>
    public static bool TryCompose(DsnRequest request, out MessageEnvelope envelope, out byte[] content)
    {
        ArgumentNullException.ThrowIfNull(request);
        envelope = null!;
        content = [];
        var original = request.Original;
        var recipients = request.Recipients.Where(r => ShouldSend(original, r.Recipient, request.Kind)).ToList();
        if (recipients.Count == 0) return false;

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{request.ReportingMta}"));
        message.To.Add(ToMailbox(original.MailFrom));
        message.Subject = request.Kind == DsnKind.Failure ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)";
        message.Date = request.Now;
        message.MessageId = MimeUtils.GenerateMessageId(request.ReportingMta);
        // RFC 3834 §5: a DSN is an automatic response; RFC 3464 §5 keeps it apart from the original thread otherwise.
        message.Headers.Add("Auto-Submitted", "auto-replied");
        if (original.MessageIdHeader is { Length: > 0 } originalId)
        {
            message.InReplyTo = originalId;
            message.References.Add(originalId);
        }

        var report = new MultipartReport("delivery-status");
        report.Add(HumanPart(request, recipients));
        report.Add(StatusPart(request, recipients));
        report.Add(OriginalPart(request));
        message.Body = report;

        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        content = stream.ToArray();
        envelope = new MessageEnvelope
        {
            MailFrom = string.Empty, // RFC 3461 §6.2 / RFC 5321 §4.5.5: DSNs use the null reverse-path.
            Recipients = [new EnvelopeRecipient(original.MailFrom, DsnNotify.Never)],
            TenantId = original.TenantId,
            Stream = original.Stream,
            ReceivedAt = request.Now,
            ClientAddress = "127.0.0.1",
            MessageIdHeader = message.MessageId,
            Body = Ascii.IsValid(content) ? BodyType.SevenBit : BodyType.EightBitMime,
            SmtpUtf8 = !Ascii.IsValid(original.MailFrom),
            IsDsn = true,
        };
        return true;
    }

    private static TextPart HumanPart(DsnRequest request, List<DsnRecipientStatus> recipients)
    {
        var sb = new StringBuilder();
        sb.Append("This is the mail system at host ").Append(request.ReportingMta).Append(".\r\n\r\n");
        sb.Append(request.Kind == DsnKind.Failure
            ? "Your message could not be delivered to one or more recipients.\r\nIt is attached below (or its header section, if it was large or you asked for headers only).\r\n"
            : "Your message has not been delivered yet to the recipients below.\r\nThe mail system will keep trying; you do not need to send it again.\r\n");
        sb.Append("\r\n");
        foreach (var r in recipients)
        {
            sb.Append('<').Append(r.Recipient.Address).Append(">: ");
            if (r.RemoteMta is not null) sb.Append("host ").Append(RemoteHostName(r.RemoteMta)).Append(" said: ");
            sb.Append(r.Reply.ToString()).Append("\r\n");
        }
        sb.Append("\r\nQueue ID: ").Append(request.OriginalQueueId).Append("\r\n");
        var text = sb.ToString();
        var part = new TextPart("plain");
        part.SetText("utf-8", text);
        part.ContentTransferEncoding = Ascii.IsValid(text) ? ContentEncoding.SevenBit : ContentEncoding.QuotedPrintable;
        part.ContentDescription = "Notification";
        return part;
    }

    /// <summary>
    /// The message/delivery-status part, written by hand: MimeKit's MessageDeliveryStatus ends every group, the last
    /// included, with a blank line, so the part ended CRLF CRLF CRLF --boundary and parsers (Python's email) saw an empty
    /// third group. RFC 3464 §2.1: groups are separated by one blank line; the last field's CRLF is followed directly by
    /// the boundary's CRLF (RFC 2046 §5.1.1), as Postfix writes it.
    /// </summary>
    private static MimePart StatusPart(DsnRequest request, List<DsnRecipientStatus> recipients)
    {
        var groups = StatusGroups(request, recipients);
        var format = new FormatOptions { NewLineFormat = NewLineFormat.Dos };
        var content = new MemoryStream();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0) content.Write("\r\n"u8);
            // HeaderList.WriteTo ends the fields with a blank line: keep the fields' own CRLF only.
            using var one = new MemoryStream();
            groups[i].WriteTo(format, one);
            var fields = one.GetBuffer().AsSpan(0, (int)one.Length);
            while (fields.EndsWith("\r\n\r\n"u8)) fields = fields[..^2];
            content.Write(fields);
        }
        content.Position = 0;
        var bytes = content.ToArray();
        return new MimePart("message", "delivery-status")
        {
            Content = new MimeContent(content),
            // RFC 6533 §3: a UTF-8 address makes the part 8bit; otherwise it is plain 7bit text.
            ContentTransferEncoding = Ascii.IsValid(bytes) ? ContentEncoding.SevenBit : ContentEncoding.EightBit,
        };
    }

    private static List<HeaderList> StatusGroups(DsnRequest request, List<DsnRecipientStatus> recipients)
    {
        var groups = new List<HeaderList>();
        var original = request.Original;
        // RFC 3464 §2.2: per-message fields.
        var perMessage = new HeaderList { { "Reporting-MTA", $"dns; {request.ReportingMta}" } };
        perMessage.Add("X-Appliance-Queue-ID", request.OriginalQueueId);
        if (!string.IsNullOrEmpty(original.EnvId)) perMessage.Add("Original-Envelope-Id", original.EnvId);
        perMessage.Add("Arrival-Date", DateUtils.FormatDate(original.ReceivedAt));
        groups.Add(perMessage);

        foreach (var r in recipients)
        {
            // RFC 3464 §2.3: per-recipient fields.
            var group = new HeaderList();
            if (r.Recipient.ORcpt is { } orcpt && orcpt.IndexOf(';', StringComparison.Ordinal) is > 0 and var semi)
                group.Add("Original-Recipient", $"{orcpt[..semi].Trim()}; {Xtext.DecodeOrKeep(orcpt[(semi + 1)..].Trim())}");
            // RFC 6533 §3: "utf-8" address type for an internationalized address.
            var addressType = Ascii.IsValid(r.Recipient.Address) ? "rfc822" : "utf-8";
            group.Add("Final-Recipient", $"{addressType}; {r.Recipient.Address}");
            group.Add("Action", request.Kind == DsnKind.Failure ? "failed" : "delayed");
            group.Add("Status", StatusCode(r.Reply, request.Kind));
            if (r.RemoteMta is not null) group.Add("Remote-MTA", $"dns; {RemoteHostName(r.RemoteMta)}");
            group.Add("Diagnostic-Code", $"smtp; {r.Reply}");
            if (r.LastAttempt is { } last) group.Add("Last-Attempt-Date", DateUtils.FormatDate(last));
            groups.Add(group);
        }
        return groups;
    }

    /// <summary>
    /// RFC 3464 §2.3.4: the reply's enhanced code; if missing, X.0.0 of the basic code's class; if its class
    /// contradicts the basic code (RFC 3463 §2 says it must not), the basic class wins, as in ReplyClassifier.
    /// </summary>
    public static string StatusCode(SmtpReply reply, DsnKind kind)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var cls = reply.Code / 100;
        if (cls is not (2 or 4 or 5)) cls = kind == DsnKind.Failure ? 5 : 4;
        return reply.Enhanced is { } e ? $"{cls}.{e.Subject}.{e.Detail}" : $"{cls}.0.0";
    }

    private static MimeEntity OriginalPart(DsnRequest request)
    {
        var bytes = request.OriginalContent;
        var full = request.Original.Ret == DsnReturn.Full && bytes.Length <= MaxReturnedContent;
        if (!full)
        {
            // RFC 3462/6522 §4: text/rfc822-headers carries the header section only.
            var end = bytes.Span.IndexOf("\r\n\r\n"u8);
            bytes = end < 0 ? bytes : bytes[..(end + 4)];
        }
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        var parsed = MimeMessage.Load(stream);
        return full ? new MessagePart("rfc822") { Message = parsed } : new TextRfc822Headers { Message = parsed };
    }

    /// <summary>"mx.example.com [192.0.2.1]:25" → "mx.example.com".</summary>
    private static string RemoteHostName(string remote)
    {
        var bracket = remote.IndexOf(" [", StringComparison.Ordinal);
        return bracket > 0 ? remote[..bracket] : remote;
    }

    private static MailboxAddress ToMailbox(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) ? mailbox : new MailboxAddress(string.Empty, address);
}
