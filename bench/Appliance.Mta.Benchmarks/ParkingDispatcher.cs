using System.Collections.Concurrent;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Benchmarks;

/// <summary>Keeps dispatched items, as if every destination were down: a backlog.</summary>
internal sealed class ParkingDispatcher : IItemDispatcher
{
    public ConcurrentBag<QueueItem> Parked { get; } = [];

    public void Dispatch(QueueItem item) => Parked.Add(item);
}
