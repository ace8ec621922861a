using Appliance.Mta.Admin;
using Appliance.Mta.Events;

namespace Appliance.Mta.Queue;

/// <summary>
/// The queue's admin face (mox queue.HoldSet/Fail/Drop with a filter; <see cref="IQueueAdmin"/>): summary,
/// suspend/resume, retry now, bounce, delete, and the counters-based read model. The queue's other jobs have
/// their own types: <see cref="MessageAcceptor"/> (messages in), <see cref="QueueStore"/> (state and progress),
/// <see cref="QueueScheduler"/> (timer and the due channel), <see cref="OutcomeApplier"/> (retry, expiry, DSN),
/// <see cref="QueueLookup"/> (reads) and <see cref="SpoolCompactor"/> (old segments); callers use those directly, this
/// type forwards nothing to them. It speaks neither SMTP nor DNS and never calls delivery: ready queues are reached
/// through <see cref="IReadyQueueControl"/>.
/// </summary>
public sealed partial class QueueManager
{
    private readonly QueueStore _store;
    private readonly QueueScheduler _scheduler;
    private readonly OutcomeApplier _outcomes;
    private readonly QueueLookup _lookup;
    private readonly IReadyQueueControl? _readyQueues;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;

    /// <summary>
    /// The admin façade over the queue's parts; <paramref name="readyQueues"/> (delivery's ready queues) is null when
    /// delivery is not running, and ready-queue operations then see none.
    /// </summary>
    public QueueManager(QueueStore store, QueueScheduler scheduler, OutcomeApplier outcomes, QueueLookup lookup, IEventSink events, TimeProvider time,
        IReadyQueueControl? readyQueues = null)
    {
        _store = store;
        _scheduler = scheduler;
        _outcomes = outcomes;
        _lookup = lookup;
        _events = events;
        _time = time;
        _readyQueues = readyQueues;
    }

    int IQueueAdmin.Count(QueueFilter filter) => _lookup.CountMatching(filter);
}
