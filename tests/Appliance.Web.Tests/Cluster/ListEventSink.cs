using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Web.Tests.Cluster;

/// <summary>Keeps the events written, for assertions (thread-safe).</summary>
internal sealed class ListEventSink : IEventSink
{
    public ConcurrentQueue<MtaEvent> Events { get; } = new();

    public IReadOnlyList<MtaEvent> Alerts => Events.Where(e => e.Type == MtaEventType.Alert).ToList();

    public void Write(MtaEvent e) => Events.Enqueue(e);
}
