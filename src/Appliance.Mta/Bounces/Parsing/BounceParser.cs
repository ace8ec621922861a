using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Parses delivery status notifications: standard DSNs (RFC 3464, a message/delivery-status part) and, by heuristics,
/// the non-standard bounces of common MTAs. Feedback reports (RFC 5965) and auto-replies (RFC 3834) are not bounces.
/// </summary>
public static class BounceParser
{
    /// <summary>Returns the bounce report, or null when the message is not a bounce. Never throws on bad input.</summary>
    public static BounceReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            if (message.Body is MultipartReport { ReportType: { } type } && type.Contains("feedback-report", StringComparison.OrdinalIgnoreCase)) return null;
            var human = MimeText.HumanText(message);
            var standard = DeliveryStatusReader.Read(message, human);
            var recipients = standard is { Count: > 0 } ? standard
                : BounceDetection.LooksLikeBounce(message) ? PlainTextBounceReader.Read(message, human) : [];
            if (recipients.Count == 0) return null;
            var (messageId, headers) = OriginalMessage.Find(message);
            return new BounceReport(recipients, messageId, headers, standard is { Count: > 0 });
        }
        catch (Exception ex) when (ex is FormatException or ParseException or ArgumentException or InvalidOperationException
            or NotSupportedException or System.Text.RegularExpressions.RegexMatchTimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>Parses raw message bytes (LF or CRLF); null when unparseable or not a bounce.</summary>
    public static BounceReport? TryParse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return TryParse(MimeMessage.Load(stream));
        }
        catch (Exception ex) when (ex is FormatException or ParseException or IOException)
        {
            return null;
        }
    }
}
