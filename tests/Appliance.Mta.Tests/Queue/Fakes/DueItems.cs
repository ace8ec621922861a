using System.Threading.Channels;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Tests.Queue.Fakes;

/// <summary>Stands where delivery reads: takes what the scheduler emits on its due channel instead of delivering it.</summary>
internal sealed class DueItems(ChannelReader<QueueItem> due)
{
    /// <summary>Items emitted and not taken yet.</summary>
    public int Count => due.Count;

    public bool TryTake(out QueueItem item) => due.TryRead(out item!);

    public List<QueueItem> Drain()
    {
        var list = new List<QueueItem>();
        while (due.TryRead(out var i)) list.Add(i);
        return list;
    }
}
