using Appliance.Mta.Events;
using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Hands Feedback (complaint) events to the <see cref="WarmupComplaintQueue"/>; the warmup job attributes and counts them.</summary>
public sealed class WarmupFeedbackListener(WarmupComplaintQueue queue) : IEventListener
{
    public void OnEvent(MtaEvent e)
    {
        if (ComplaintEvent.Is(e)) queue.Enqueue(e);
    }
}
