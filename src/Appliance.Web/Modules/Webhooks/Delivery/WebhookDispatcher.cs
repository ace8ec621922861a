using System.Text.Json;
using System.Threading.Channels;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Modules.Webhooks.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// Webhook delivery. <see cref="Enqueue"/> (called by the event listener on the engine's hot path) only appends to an
/// in-memory buffer; a writer loop drains it, fans each event out to the enabled endpoints of its tenant whose
/// filter wants it (and to the system endpoints, which get every tenant's events and the tenant-less ones), and appends the rows to the durable queue in one transaction (group commit), then enforces the
/// backlog caps and wakes the endpoint workers. One <see cref="WebhookEndpointWorker"/> per endpoint delivers.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    /// <summary>Events held in memory before the writer commits them; beyond it new events are dropped (and counted).</summary>
    public const int MaxBuffered = 100_000;
    private const int MaxRowsPerCommit = 10_000;

    private readonly Channel<MtaEvent> _buffer = Channel.CreateUnbounded<MtaEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, WebhookEndpointWorker> _workers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly IDbContextFactory<ApplianceDbContext> _dbFactory;
    private readonly WebhookSecrets _secrets;
    private readonly WebhookDispatcherContext _ctx;
    private volatile WebhookEndpointSnapshot[] _endpoints = [];
    private volatile bool _anySystem;
    private CancellationToken _stopping;
    private long _buffered;
    private long _dropped;

    public WebhookDispatcher(
        IDbContextFactory<ApplianceDbContext> dbFactory, WebhookSecrets secrets, WebhookSender sender, WebhookDeliveryLog deliveryLog,
        WebhookEndpointHealth health, IOptions<WebhookOptions> options, IOptions<MtaOptions> mta, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _dbFactory = dbFactory;
        _secrets = secrets;
        var store = new WebhookQueueStore(Path.Combine(Path.GetFullPath(mta.Value.DataDir), "webhooks"));
        _ctx = new WebhookDispatcherContext(store, sender, deliveryLog, health, options.Value, time, logger, MarkDisabled);
    }

    /// <summary>Events waiting for delivery: queued on disk for every endpoint plus those not yet committed.</summary>
    public long Backlog => _ctx.Store.TotalEvents + Interlocked.Read(ref _buffered);

    /// <summary>Events dropped since start: by the backlog caps, or because the in-memory buffer was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>The backlog of one endpoint.</summary>
    public WebhookBacklog BacklogOf(string endpointId) => _ctx.Store.BacklogOf(endpointId);

    /// <summary>Never blocks: appends to the in-memory buffer.</summary>
    public void Enqueue(MtaEvent e)
    {
        // Events without a tenant (system alerts) can only go to system endpoints.
        if (_endpoints.Length == 0 || (e.Tenant is null && !_anySystem)) return;
        if (Interlocked.Increment(ref _buffered) > MaxBuffered || !_buffer.Writer.TryWrite(e))
        {
            Interlocked.Decrement(ref _buffered);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Queues events for one endpoint only (manual re-send), durably; returns how many.</summary>
    public int EnqueueFor(string endpointId, IEnumerable<MtaEvent> events)
    {
        var rows = events.Select(e => (endpointId, JsonSerializer.Serialize(e, EventLog.Json))).ToList();
        for (var i = 0; i < rows.Count; i += MaxRowsPerCommit) _ctx.Store.Append(rows.GetRange(i, Math.Min(MaxRowsPerCommit, rows.Count - i)));
        EnforceCap(endpointId);
        Wake(endpointId);
        return rows.Count;
    }

    /// <summary>Re-reads the endpoints (after a change) and starts, updates or stops their workers.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _reloadLock.WaitAsync(ct);
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Endpoints.AsNoTracking().ToListAsync(ct);
            var snapshots = rows.Select(ToSnapshot).ToArray();
            _endpoints = snapshots;
            _anySystem = snapshots.Any(s => s.IsSystem);
            if (_stopping == default) return;
            var stopped = new List<WebhookEndpointWorker>();
            lock (_workers)
            {
                foreach (var s in snapshots)
                {
                    if (_workers.TryGetValue(s.Id, out var worker)) worker.Update(s);
                    else (_workers[s.Id] = new WebhookEndpointWorker(_ctx, s, _stopping)).Start();
                }
                foreach (var gone in _workers.Keys.Except(snapshots.Select(s => s.Id)).ToList())
                {
                    stopped.Add(_workers[gone]);
                    _workers.Remove(gone);
                }
            }
            foreach (var worker in stopped)
            {
                await worker.StopAsync();
                _ctx.Store.RemoveAll(worker.Endpoint.Id);
            }
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await ReloadAsync(stoppingToken);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(stoppingToken)) CommitBuffered();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful stop: what is still buffered is committed so it is delivered after the restart.
            CommitBuffered();
        }
        List<WebhookEndpointWorker> workers;
        lock (_workers) workers = [.. _workers.Values];
        foreach (var worker in workers) await worker.StopAsync();
    }

    public override void Dispose()
    {
        base.Dispose();
        _ctx.Store.Dispose();
        _reloadLock.Dispose();
    }

    private void CommitBuffered()
    {
        var endpoints = _endpoints;
        var rows = new List<(string, string)>();
        while (rows.Count < MaxRowsPerCommit && _buffer.Reader.TryRead(out var e))
        {
            Interlocked.Decrement(ref _buffered);
            string? json = null;
            foreach (var endpoint in endpoints)
            {
                if (!endpoint.Wants(e)) continue;
                json ??= JsonSerializer.Serialize(e, EventLog.Json);
                rows.Add((endpoint.Id, json));
            }
        }
        if (rows.Count == 0) return;
        try
        {
            _ctx.Store.Append(rows);
        }
        catch (Exception ex)
        {
            // Disk full or I/O error: the events are lost for webhooks (they stay in the event log; re-send them).
            Interlocked.Add(ref _dropped, rows.Count);
            WebhooksLog.QueueFailed(_ctx.Logger, ex, rows.Count);
            return;
        }
        foreach (var id in rows.Select(r => r.Item1).Distinct())
        {
            EnforceCap(id);
            Wake(id);
        }
    }

    private void EnforceCap(string endpointId)
    {
        var dropped = _ctx.Store.DropOldest(endpointId, _ctx.Options.MaxBacklogEvents, _ctx.Options.MaxBacklogBytes);
        if (dropped == 0) return;
        Interlocked.Add(ref _dropped, dropped);
        if (_endpoints.FirstOrDefault(e => e.Id == endpointId) is { } endpoint)
            _ = RecordDroppedAsync(endpoint, dropped);
    }

    private async Task RecordDroppedAsync(WebhookEndpointSnapshot endpoint, long dropped)
    {
        try
        {
            await _ctx.Health.RecordDroppedAsync(endpoint, dropped, CancellationToken.None);
        }
        catch (Exception ex)
        {
            WebhooksLog.DropNotRecorded(_ctx.Logger, ex, endpoint.Id);
        }
    }

    /// <summary>A worker disabled its endpoint: stop queuing new events for it at once.</summary>
    private void MarkDisabled(string endpointId) =>
        _endpoints = [.. _endpoints.Select(e => e.Id == endpointId ? e with { Enabled = false } : e)];

    private void Wake(string endpointId)
    {
        lock (_workers)
        {
            if (_workers.TryGetValue(endpointId, out var worker)) worker.Signal();
        }
    }

    private WebhookEndpointSnapshot ToSnapshot(WebhookEndpoint e)
    {
        var enabled = e.Enabled;
        string secret;
        try
        {
            secret = _secrets.Unprotect(e.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // The Data Protection keys were lost (restored database without {DataDir}/keys): never send unsigned.
            WebhooksLog.SecretUnreadable(_ctx.Logger, ex, e.Id);
            secret = "";
            enabled = false;
        }
        return new(e.Id, e.TenantId, e.Url, secret, WebhookEventTypes.Parse(e.EventTypes), enabled, e.FailingSince);
    }
}
