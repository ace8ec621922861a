using System.Threading.Channels;

namespace Appliance.Mta.Queue;

/// <summary>
/// The engine's own timer (KumoMTA timeq, mox nextWork): items due now go straight onto <see cref="Due"/>, a
/// channel that delivery consumes; later ones wait in a priority queue until their time. An item of a suspended
/// scheduled queue is held back until <c>Resume</c> schedules it again. The scheduler only emits; what happens to an
/// item afterwards comes back through <see cref="IDeliveryOutcomes"/>.
/// </summary>
public sealed class QueueScheduler
{
    private readonly Lock _timerLock = new();
    private readonly PriorityQueue<QueueItem, long> _timer = new();
    private readonly Channel<QueueItem> _due = Channel.CreateUnbounded<QueueItem>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly TimeProvider _time;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A scheduler whose timer runs on <paramref name="time"/> (tests pass a fake clock).</summary>
    public QueueScheduler(TimeProvider time) => _time = time;

    /// <summary>Items that are due, in the order they became due. Delivery is the reader.</summary>
    public ChannelReader<QueueItem> Due => _due.Reader;

    /// <summary>Items waiting in the timer (stale entries of rescheduled items included).</summary>
    public int Waiting
    {
        get { lock (_timerLock) return _timer.Count; }
    }

    /// <summary>Due now and not suspended: onto <see cref="Due"/>; otherwise into the timer.</summary>
    public void Schedule(QueueItem item)
    {
        var now = _time.GetUtcNow();
        if (item.Due <= now && !item.Queue.Suspended)
        {
            Emit(item);
            return;
        }
        item.State = QueueItemState.Scheduled;
        // The message waits: only the packed form of its envelope stays in memory until an item is due again.
        item.Message.Park();
        var key = item.Due.ToUnixTimeMilliseconds();
        item.TimerKey = key;
        lock (_timerLock) _timer.Enqueue(item, key);
        Volatile.Read(ref _wake).TrySetResult();
    }

    /// <summary>
    /// Pops due items and emits them until stopped. Sleeps until the earliest due time or until something new is
    /// scheduled.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var due = new List<QueueItem>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            long? next = null;
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            lock (_timerLock)
            {
                while (_timer.TryPeek(out var item, out var key))
                {
                    if (key > nowMs) { next = key; break; }
                    _timer.Dequeue();
                    // A stale entry (the item was rescheduled, cancelled or dispatched since) is dropped.
                    if (item.State == QueueItemState.Scheduled && item.TimerKey == key) due.Add(item);
                }
            }
            foreach (var item in due)
            {
                // A suspended queue keeps its items; Resume schedules them again.
                if (item.Queue.Suspended) continue;
                Emit(item);
            }
            due.Clear();
            var delay = next is { } n ? TimeSpan.FromMilliseconds(Math.Clamp(n - nowMs, 1, 60_000)) : TimeSpan.FromSeconds(60);
            try
            {
                await Task.WhenAny(wake.Task, Task.Delay(delay, _time, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            if (wake.Task.IsCompleted)
                Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
        }
    }

    // The item stays as it is (a parked message stays parked while it waits in a ready queue, which for a large backlog
    // to a throttled site is long): delivery unparks the message when it takes the item to send it.
    private void Emit(QueueItem item)
    {
        item.State = QueueItemState.Ready;
        _due.Writer.TryWrite(item);
    }
}
