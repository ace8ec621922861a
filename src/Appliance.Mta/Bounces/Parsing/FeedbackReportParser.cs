using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Parses abuse feedback reports (ARF, RFC 5965): the message/feedback-report part's fields, plus the returned original
/// (message/rfc822 or text/rfc822-headers). Tolerant: field-name case variants, folded fields, comments after values,
/// redacted addresses, a missing original; known non-standard loops via <see cref="NonStandardFeedback"/>.
/// </summary>
public static partial class FeedbackReportParser
{
    /// <summary>Returns the feedback report, or null when the message is not one. Never throws on bad input.</summary>
    public static FeedbackReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var part = message.BodyParts.FirstOrDefault(p => p.ContentType.IsMimeType("message", "feedback-report"));
            if (part is null) return NonStandardFeedback.Read(message);
            var fields = FieldBlocks.Parse(MimeText.Decode(part)).SelectMany(b => b).ToList();
            var (messageId, headers) = OriginalMessage.Find(message);
            // RFC 5965 §3.1: Feedback-Type is required; an unknown or missing one is "other" (§7.3 registry).
            var type = FieldBlocks.Get(fields, "Feedback-Type") is { } t ? FirstToken(t).ToLowerInvariant() : "other";
            var original = message.BodyParts.OfType<MessagePart>().FirstOrDefault()?.Message;
            var recipient = Address(FieldBlocks.Get(fields, "Original-Rcpt-To")) ?? original?.To.Mailboxes.FirstOrDefault()?.Address
                ?? HeaderAddress(headers, "To");
            return new FeedbackReport(type, FieldBlocks.Get(fields, "User-Agent"), SourceIp(FieldBlocks.Get(fields, "Source-IP")),
                Address(FieldBlocks.Get(fields, "Original-Mail-From")), recipient, FieldBlocks.Get(fields, "Reported-Domain") is { } d ? FirstToken(d) : null,
                Date(FieldBlocks.Get(fields, "Arrival-Date") ?? FieldBlocks.Get(fields, "Received-Date")), messageId, headers);
        }
        catch (Exception ex) when (ex is FormatException or ParseException or ArgumentException or InvalidOperationException
            or NotSupportedException or RegexMatchTimeoutException or IOException)
        {
            return null;
        }
    }

    private static string FirstToken(string value) => value.Trim().Split([' ', '\t', '(', ';'], 2)[0];

    private static string? SourceIp(string? value) => value is null ? null : FirstToken(value) is { Length: > 0 } ip ? ip : null;

    private static string? Address(string? value)
    {
        if (value is null) return null;
        var m = AddressRegex().Match(value);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? HeaderAddress(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        Address(headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value);

    private static DateTimeOffset? Date(string? value) =>
        value is not null && DateUtils.TryParse(value, out var date) ? date : null;

    [GeneratedRegex(@"<?([^<>\s;]+@[^<>\s;]+)>?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressRegex();
}
