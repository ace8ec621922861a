using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Hands Feedback (complaint) events to the <see cref="WarmupComplaintQueue"/>; the warmup job attributes and counts them.</summary>
public sealed class WarmupFeedbackListener(WarmupComplaintQueue queue) : IEventListener
{
    public void OnEvent(MtaEvent e)
    {
        // RFC 6650 §4: "not-spam" withdraws a complaint rather than making one.
        if (e.Type == MtaEventType.Feedback && e.Detail?.Contains("not-spam", StringComparison.OrdinalIgnoreCase) != true) queue.Enqueue(e);
    }
}
