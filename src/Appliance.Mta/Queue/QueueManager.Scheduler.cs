namespace Appliance.Mta.Queue;

public sealed partial class QueueManager
{
    private readonly Lock _timerLock = new();
    private readonly PriorityQueue<QueueItem, long> _timer = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Due now and not suspended: straight to the dispatcher; otherwise into the timer.</summary>
    private void Schedule(QueueItem item)
    {
        var now = _time.GetUtcNow();
        if (item.Due <= now && !item.Queue.Suspended && _dispatcher is { } dispatcher)
        {
            item.State = QueueItemState.Ready;
            dispatcher.Dispatch(item);
            return;
        }
        item.State = QueueItemState.Scheduled;
        var key = item.Due.ToUnixTimeMilliseconds();
        item.TimerKey = key;
        lock (_timerLock) _timer.Enqueue(item, key);
        _wake.TrySetResult();
    }

    /// <summary>
    /// The engine's own timer (KumoMTA timeq, mox nextWork): pops due items and dispatches them. Sleeps
    /// until the earliest due time or until something new is scheduled.
    /// </summary>
    public async Task RunSchedulerAsync(CancellationToken stoppingToken)
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
                    if (item.State == QueueItemState.Scheduled && item.TimerKey == key) due.Add(item);
                }
            }
            foreach (var item in due)
            {
                // A suspended queue keeps its items; Resume schedules them again.
                if (item.Queue.Suspended || _dispatcher is null) continue;
                item.State = QueueItemState.Ready;
                _dispatcher.Dispatch(item);
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
}
