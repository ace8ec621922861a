using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Web.Tests.Domains;

/// <summary>Keeps every Alert event the engine's sink passes to its listeners.</summary>
public sealed class AlertRecorder : IEventListener
{
    public ConcurrentQueue<MtaEvent> Alerts { get; } = new();

    public void OnEvent(MtaEvent e)
    {
        if (e.Type == MtaEventType.Alert) Alerts.Enqueue(e);
    }
}
