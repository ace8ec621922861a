using System.Collections.Concurrent;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Tests.Queue.Fakes;

/// <summary>Collects dispatched items instead of delivering them.</summary>
internal sealed class RecordingDispatcher : IItemDispatcher
{
    public ConcurrentQueue<QueueItem> Items { get; } = new();

    public void Dispatch(QueueItem item) => Items.Enqueue(item);

    public List<QueueItem> Drain()
    {
        var list = new List<QueueItem>();
        while (Items.TryDequeue(out var i)) list.Add(i);
        return list;
    }
}
