using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>Records every event the engine's sink sees (to assert on Alert events).</summary>
public sealed class RecordingEventListener : IEventListener
{
    public ConcurrentQueue<MtaEvent> Events { get; } = new();

    public void OnEvent(MtaEvent e) => Events.Enqueue(e);
}
