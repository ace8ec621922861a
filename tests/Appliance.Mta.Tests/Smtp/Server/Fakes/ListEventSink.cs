using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

public sealed class ListEventSink : IEventSink
{
    public ConcurrentQueue<MtaEvent> Events { get; } = new();

    public void Write(MtaEvent e) => Events.Enqueue(e);
}
