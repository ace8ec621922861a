using Appliance.Web.Modules.Webhooks.Queue;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// Delivers one endpoint's queue, oldest first, one batch at a time: waits until <see cref="WebhookOptions.BatchSize"/>
/// events are queued or the first of them has lingered <see cref="WebhookOptions.Linger"/>, POSTs, deletes the batch
/// on a 2xx, otherwise retries the same head of the queue with exponential backoff and jitter. Events are removed
/// only after the peer's 2xx: delivery is at least once.
/// </summary>
internal sealed class WebhookEndpointWorker
{
    private readonly WebhookDispatcherContext _ctx;
    private readonly CancellationTokenSource _stop;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile WebhookEndpointSnapshot _endpoint;
    private int _failedAttempts;
    private DateTimeOffset _nextAttempt;
    private DateTimeOffset? _lingerStart;
    private DateTimeOffset _lastSuccessWritten;
    private Task _loop = Task.CompletedTask;

    public WebhookEndpointWorker(WebhookDispatcherContext ctx, WebhookEndpointSnapshot endpoint, CancellationToken stopping)
    {
        _ctx = ctx;
        _endpoint = endpoint;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public WebhookEndpointSnapshot Endpoint => _endpoint;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>New settings (URL, secret, filter, enabled); a re-enabled endpoint retries at once.</summary>
    public void Update(WebhookEndpointSnapshot endpoint)
    {
        if (endpoint.Enabled && !_endpoint.Enabled)
        {
            _failedAttempts = 0;
            _nextAttempt = default;
        }
        _endpoint = endpoint;
        Signal();
    }

    /// <summary>Something changed (events queued, settings): re-evaluate now.</summary>
    public void Signal() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = _wake.Task;
            try
            {
                var wait = NextWait();
                if (wait is { } w) await WaitAsync(wake, w, ct);
                else await DeliverBatchAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WebhooksLog.WorkerFailed(_ctx.Logger, ex, _endpoint.Id);
                await WaitAsync(wake, _ctx.Options.InitialRetryDelay, ct);
            }
        }
    }

    /// <summary>How long to wait before the next POST, or null to send now (Timeout.InfiniteTimeSpan: until signalled).</summary>
    private TimeSpan? NextWait()
    {
        var endpoint = _endpoint;
        var queued = _ctx.Store.BacklogOf(endpoint.Id).Events;
        var now = _ctx.Time.GetUtcNow();
        if (!endpoint.Enabled || queued == 0)
        {
            _lingerStart = null;
            return Timeout.InfiniteTimeSpan;
        }
        if (_nextAttempt > now) return _nextAttempt - now;
        if (queued >= _ctx.Options.BatchSize || _failedAttempts > 0) return null;
        _lingerStart ??= now;
        var due = _lingerStart.Value + _ctx.Options.Linger;
        return due > now ? due - now : null;
    }

    private async Task WaitAsync(Task wake, TimeSpan wait, CancellationToken ct)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            await wake.WaitAsync(ct);
            return;
        }
        using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, _ctx.Time, delayCts.Token);
        await Task.WhenAny(wake, delay);
        await delayCts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    private async Task DeliverBatchAsync(CancellationToken ct)
    {
        var endpoint = _endpoint;
        var batch = _ctx.Store.Peek(endpoint.Id, Math.Max(1, _ctx.Options.BatchSize));
        if (batch.Count == 0) return;
        var attempt = _failedAttempts + 1;
        var batchId = $"{endpoint.Id}-{batch[0].Seq}";
        var body = WebhookPayload.Compose(endpoint.Id, batchId, _ctx.Time.GetUtcNow(), test: false, batch.Select(b => b.Payload));
        var result = await _ctx.Sender.SendAsync(endpoint.Id, endpoint.Url, endpoint.Secret, batchId, body, ct);
        await _ctx.DeliveryLog.RecordAsync(endpoint.Id, result, attempt, batch.Count, isTest: false, ct);
        var now = _ctx.Time.GetUtcNow();
        if (result.Succeeded)
        {
            _ctx.Store.RemoveThrough(endpoint.Id, batch[^1].Seq);
            _failedAttempts = 0;
            _nextAttempt = default;
            _lingerStart = null;
            // Last success is persisted after a failure run, otherwise at most once a minute (not per batch).
            if (endpoint.FailingSince is not null || now - _lastSuccessWritten >= TimeSpan.FromMinutes(1))
            {
                await _ctx.Health.MarkHealthyAsync(endpoint.Id, ct);
                _lastSuccessWritten = now;
            }
            _endpoint = _endpoint with { FailingSince = null };
            return;
        }

        _failedAttempts = attempt;
        _nextAttempt = now + WebhookRetrySchedule.Delay(attempt, _ctx.Options.InitialRetryDelay, _ctx.Options.MaxRetryDelay, Random.Shared.NextDouble());
        var failingSince = endpoint.FailingSince ?? now;
        if (endpoint.FailingSince is null)
        {
            await _ctx.Health.MarkFailingAsync(endpoint.Id, now, ct);
            _endpoint = _endpoint with { FailingSince = now };
        }
        if (now - failingSince >= _ctx.Options.FailurePeriod)
        {
            await _ctx.Health.DisableAsync(endpoint, failingSince, ct);
            _endpoint = _endpoint with { Enabled = false };
            _ctx.OnDisabled(endpoint.Id);
        }
    }
}
