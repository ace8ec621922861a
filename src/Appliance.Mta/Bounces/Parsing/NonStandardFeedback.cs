using System.Text.RegularExpressions;
using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Feedback loops that do not follow RFC 5965: Microsoft JMRP-style "complaint about message from ..." mails that carry
/// the original as message/rfc822 in multipart/mixed (abuse), and Apple Mail's one-click "unsubscribe" mails marked
/// X-Apple-Unsubscribe (opt-out). Anything else is not recognised as feedback.
/// </summary>
internal static partial class NonStandardFeedback
{
    public static FeedbackReport? Read(MimeMessage message)
    {
        var subject = message.Subject ?? "";
        string? type = null;
        if (string.Equals(message.Headers["X-Apple-Unsubscribe"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) type = "opt-out";
        else if (ComplaintSubjectRegex().IsMatch(subject) && message.BodyParts.OfType<MessagePart>().Any()) type = "abuse";
        if (type is null) return null;
        var (messageId, headers) = OriginalMessage.Find(message);
        var inner = message.BodyParts.OfType<MessagePart>().FirstOrDefault()?.Message;
        var recipient = inner?.Headers["X-HmXmrOriginalRecipient"] ?? inner?.To.Mailboxes.FirstOrDefault()?.Address
            ?? (type == "opt-out" ? message.To.Mailboxes.FirstOrDefault()?.Address : null);
        var source = SourceIpRegex().Match(subject) is { Success: true } m ? m.Groups[1].Value : inner?.Headers["X-Reporter-IP"];
        return new FeedbackReport(type, message.Headers["X-Mailer"], source, inner?.From.Mailboxes.FirstOrDefault()?.Address, recipient,
            inner?.From.Mailboxes.FirstOrDefault()?.Domain, null, messageId, headers);
    }

    [GeneratedRegex(@"complaint about message|abuse report|spam report|\bscomp\b|feedback loop", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ComplaintSubjectRegex();

    [GeneratedRegex(@"from\s+\[?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]+)\]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SourceIpRegex();
}
