using System.Text.RegularExpressions;
using Appliance.Mta.Bounces.Parsing;
using MimeKit;

namespace Appliance.Mta.Reports.Forensic;

/// <summary>
/// Recognises DMARC failure reports: an ARF report (RFC 5965) with Feedback-Type auth-failure (RFC 6591 §3.1), also
/// inside multipart/mixed or with a base64-encoded feedback part (Netease), and plain-text notices without an AFRF
/// part whose subject names a DMARC failure/forensic report (Exim: "Sender Domain:", "Sender IP Address:").
/// </summary>
public static partial class DmarcFailureReportParser
{
    /// <summary>The failure report, or null when the message is not one. Never throws on bad input.</summary>
    public static DmarcFailureReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var part = message.BodyParts.FirstOrDefault(p => p.ContentType.IsMimeType("message", "feedback-report"));
        if (part is not null)
        {
            var arf = FeedbackReportParser.TryParse(message);
            if (arf is null || arf.FeedbackType != "auth-failure") return null;
            var fields = FieldBlocks.Parse(MimeText.Decode(part)).SelectMany(b => b).ToList();
            return new DmarcFailureReport
            {
                Format = "afrf", Reporter = message.From.Mailboxes.FirstOrDefault()?.Address, UserAgent = arf.UserAgent,
                ReportedDomain = arf.ReportedDomain?.ToLowerInvariant(), SourceIp = arf.SourceIp, OriginalMailFrom = arf.OriginalMailFrom,
                OriginalRcptTo = arf.OriginalRecipient, ArrivalDate = arf.ArrivalDate,
                AuthFailure = Token(FieldBlocks.Get(fields, "Auth-Failure")), DeliveryResult = Token(FieldBlocks.Get(fields, "Delivery-Result")),
                DkimDomain = FieldBlocks.Get(fields, "DKIM-Domain"), AuthenticationResults = FieldBlocks.Get(fields, "Authentication-Results"),
                IdentityAlignment = FieldBlocks.Get(fields, "Identity-Alignment"),
                OriginalSubject = Header(arf.OriginalHeaders, "Subject"), OriginalMessageId = arf.OriginalMessageId, ReportMessageId = message.MessageId,
            };
        }
        if (message.Subject is not { } subject || !FailureSubject().IsMatch(subject)) return null;
        var text = MimeText.HumanText(message);
        var domain = TextField(text, "Sender Domain");
        if (domain is null) return null;
        return new DmarcFailureReport
        {
            Format = "text", Reporter = message.From.Mailboxes.FirstOrDefault()?.Address, ReportedDomain = domain.ToLowerInvariant(),
            SourceIp = TextField(text, "Sender IP Address"),
            ArrivalDate = TextField(text, "Received date") is { } d && MimeKit.Utils.DateUtils.TryParse(d, out var date) ? date : null,
            AuthFailure = "dmarc", ReportMessageId = message.MessageId,
        };
    }

    private static string? Token(string? value) => value?.Trim().Split([' ', '\t', ';', '('], 2)[0].ToLowerInvariant();

    private static string? Header(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();

    private static string? TextField(string text, string name)
    {
        var m = Regex.Match(text, "^\\s*" + Regex.Escape(name) + ":[ \\t]*(.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return m.Success && m.Groups[1].Value.Trim() is { Length: > 0 } v ? v : null;
    }

    [GeneratedRegex(@"DMARC\s+(forensic|failure)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FailureSubject();
}
