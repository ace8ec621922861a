using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>Which Feedback events are complaints: every feedback type except "not-spam", which withdraws one (RFC 6650 §4).</summary>
public static class ComplaintEvent
{
    /// <summary>
    /// The ARF feedback type (RFC 5965 §7.3, RFC 6650 §4) that withdraws an earlier complaint instead of making one.
    /// </summary>
    public const string NotSpam = "not-spam";

    /// <summary>A Feedback event's Detail is this prefix and the report's feedback type.</summary>
    public const string DetailPrefix = "feedback-type: ";

    /// <summary>True when <paramref name="e"/> is a Feedback event whose feedback type is not "not-spam".</summary>
    public static bool Is(MtaEvent e) =>
        e.Type == MtaEventType.Feedback && !string.Equals(e.Detail, DetailPrefix + NotSpam, StringComparison.OrdinalIgnoreCase);
}
