namespace Appliance.Mta.Bounces.Parsing;

/// <summary>A parsed feedback report (ARF, RFC 5965).</summary>
/// <param name="FeedbackType">RFC 5965 §3.1 Feedback-Type, lower case (abuse, fraud, virus, other, not-spam, ...).</param>
public sealed record FeedbackReport(
    string FeedbackType,
    string? UserAgent,
    string? SourceIp,
    string? OriginalMailFrom,
    string? OriginalRecipient,
    string? ReportedDomain,
    DateTimeOffset? ArrivalDate,
    string? OriginalMessageId,
    IReadOnlyList<KeyValuePair<string, string>> OriginalHeaders);
