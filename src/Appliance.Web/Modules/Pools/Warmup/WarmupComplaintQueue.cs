using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// Complaints waiting to be attributed to a source (a separate singleton so the event listener depends on nothing
/// that itself needs the event sink). Bounded: beyond 100 000 waiting, new complaints are dropped and counted.
/// </summary>
public sealed class WarmupComplaintQueue
{
    public const int Capacity = 100_000;
    private readonly ConcurrentQueue<MtaEvent> _queue = new();
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(MtaEvent e)
    {
        if (_queue.Count >= Capacity) Interlocked.Increment(ref _dropped);
        else _queue.Enqueue(e);
    }

    public bool TryDequeue(out MtaEvent e) => _queue.TryDequeue(out e!);
}
