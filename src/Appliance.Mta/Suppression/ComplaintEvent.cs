using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>Which Feedback events are complaints: every feedback type except "not-spam", which withdraws one (RFC 6650 §4).</summary>
public static class ComplaintEvent
{
    public const string NotSpam = "not-spam";

    /// <summary>A Feedback event's Detail is this prefix and the report's feedback type.</summary>
    public const string DetailPrefix = "feedback-type: ";

    public static bool Is(MtaEvent e) =>
        e.Type == MtaEventType.Feedback && !string.Equals(e.Detail, DetailPrefix + NotSpam, StringComparison.OrdinalIgnoreCase);
}
