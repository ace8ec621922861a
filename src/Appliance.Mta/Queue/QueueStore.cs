using System.Collections.Concurrent;
using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Queue;

/// <summary>
/// The queue's state: every message not yet finished (metadata only; content stays in the spool), its items per
/// destination domain, the scheduled queues (tenant, campaign, domain) holding them, and the progress records that
/// make that state durable. It neither times nor delivers anything: <see cref="QueueScheduler"/> times items,
/// <see cref="OutcomeApplier"/> changes them after an attempt.
/// </summary>
/// <remarks>
/// Locking: <see cref="Sync"/> guards the scheduled queues and the items in them; a message's own fields are
/// guarded by <see cref="QueuedMessage.Sync"/>. Never take <see cref="Sync"/> while holding a message's lock.
/// </remarks>
public sealed class QueueStore
{
    private readonly ConcurrentDictionary<long, QueuedMessage> _messages = new();
    private readonly Dictionary<string, ScheduledQueue> _scheduled = new(StringComparer.Ordinal);
    private readonly ISpool _spool;
    private readonly IMtaSettings _settings;
    private readonly ILogger<QueueStore> _logger;

    /// <summary>
    /// An empty store; <paramref name="spool"/> receives the progress records, <paramref name="settings"/> gives the
    /// recipients-per-transaction split.
    /// </summary>
    public QueueStore(ISpool spool, IMtaSettings settings, ILogger<QueueStore> logger)
    {
        _spool = spool;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Guards <see cref="ScheduledQueues"/> and the item sets in them.</summary>
    public Lock Sync { get; } = new();

    /// <summary>The admin read model; every item created here reports its state changes to it (architecture.md, "Admin read model").</summary>
    public QueueCounters Counters { get; } = new();

    /// <summary>Messages in the queue.</summary>
    public int Count => _messages.Count;

    /// <summary>Every message in the queue (a live view; messages may finish while it is walked).</summary>
    public ICollection<QueuedMessage> Messages => _messages.Values;

    /// <summary>The scheduled queues; read only under <see cref="Sync"/>.</summary>
    public IEnumerable<ScheduledQueue> ScheduledQueues => _scheduled.Values;

    /// <summary>Registers <paramref name="message"/> (or replaces the one with the same id).</summary>
    public void Add(QueuedMessage message) => _messages[message.Id.Value] = message;

    /// <summary>
    /// The unfinished message with <paramref name="id"/>; false when it is finished (removed) or unknown.
    /// </summary>
    public bool TryGet(SpoolId id, out QueuedMessage message) => _messages.TryGetValue(id.Value, out message!);

    /// <summary>
    /// Splits the message's pending recipients into items, one per destination domain and at most
    /// <c>MaxRecipientsPerTransaction</c> recipients each, due at <paramref name="due"/>, in their scheduled queues.
    /// </summary>
    public IReadOnlyList<QueueItem> CreateItems(QueuedMessage message, DateTimeOffset due) => CreateItems(message, message.Envelope, due);

    /// <summary>
    /// As <see cref="CreateItems(QueuedMessage, DateTimeOffset)"/>, with the envelope the caller already holds
    /// (recovery rebuilds a parked message's envelope once for this and drops it).
    /// </summary>
    public IReadOnlyList<QueueItem> CreateItems(QueuedMessage message, MessageEnvelope env, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(env);
        var byDomain = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < env.Recipients.Count; i++)
        {
            if (message.Done[i]) continue;
            var domain = env.Recipients[i].Domain;
            if (!byDomain.TryGetValue(domain, out var list)) byDomain[domain] = list = [];
            list.Add(i);
        }
        var chunk = Math.Max(1, _settings.Current.Delivery.MaxRecipientsPerTransaction);
        var items = new List<QueueItem>();
        lock (Sync)
        {
            foreach (var (domain, indices) in byDomain)
            {
                var queue = GetScheduledQueue(env.TenantId, env.Campaign, domain);
                var chunked = indices.Count > chunk;
                for (var start = 0; start < indices.Count; start += chunk)
                {
                    var recipients = RecipientIndices.Slice(indices, start, Math.Min(chunk, indices.Count - start));
                    var item = new QueueItem(message, recipients, queue) { Due = due, Attempts = message.Attempts, Chunked = chunked };
                    queue.Items.Add(item);
                    items.Add(item);
                }
            }
        }
        lock (message.Sync) message.OpenItems += items.Count;
        return items;
    }

    /// <summary>
    /// The item is finished (every recipient delivered, failed or expired, or an admin removed it): it leaves its
    /// scheduled queue; the last item of a message releases the message from the spool (a Remove record), any other
    /// saves the message's progress.
    /// </summary>
    public void Finish(QueueItem item)
    {
        var message = item.Message;
        lock (Sync)
        {
            item.State = QueueItemState.Done;
            var queue = item.Queue;
            queue.Items.Remove(item);
            if (queue.Items.Count == 0 && !queue.Suspended) _scheduled.Remove(ScheduledQueue.KeyOf(queue.Tenant, queue.Campaign, queue.Domain));
        }
        lock (message.Sync)
        {
            if (--message.OpenItems == 0 && !message.Removed)
            {
                // Enqueued under the lock so a concurrent relocation can never land after the Remove record.
                message.Removed = true;
                _messages.TryRemove(message.Id.Value, out _);
                Observe(_spool.RemoveAsync(message.Id), message.Id);
                return;
            }
        }
        PersistProgress(message, message.NextAttempt, item.LastResponse);
    }

    /// <summary>Snapshot and enqueue under the message lock, so progress records reach the log in state order.</summary>
    public void PersistProgress(QueuedMessage message, DateTimeOffset nextAttempt, string? lastResponse)
    {
        lock (message.Sync)
        {
            if (message.Removed) return;
            message.NextAttempt = nextAttempt;
            message.LastResponse = lastResponse;
            Observe(_spool.SaveProgressAsync(message.Id, message.Snapshot(nextAttempt, lastResponse)), message.Id);
        }
    }

    /// <summary>A recovered message whose recipients were all finished before the restart: only its Remove record is missing.</summary>
    public void Release(SpoolId id) => Observe(_spool.RemoveAsync(id), id);

    /// <summary>Items in <paramref name="state"/> that <paramref name="filter"/> selects and no admin has cancelled.</summary>
    public List<QueueItem> Select(QueueFilter filter, QueueItemState state)
    {
        lock (Sync)
        {
            return _scheduled.Values.Where(q => Matches(q, filter))
                .SelectMany(q => q.Items)
                .Where(i => i.State == state && i.Cancel == CancelAction.None)
                .Where(i => filter.MessageId is null || i.Message.Id.ToString() == filter.MessageId || i.Message.Envelope.MessageIdHeader == filter.MessageId)
                .Where(i => filter.Site is null || string.Equals(i.Site, filter.Site, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
    }

    /// <summary>Whether the scheduled queue matches the filter's tenant, campaign and domain.</summary>
    public static bool Matches(ScheduledQueue q, QueueFilter f) =>
        (f.Tenant is null || q.Tenant == f.Tenant)
        && (f.Campaign is null || q.Campaign == f.Campaign)
        && (f.Domain is null || string.Equals(q.Domain, f.Domain, StringComparison.OrdinalIgnoreCase));

    private ScheduledQueue GetScheduledQueue(string tenant, string? campaign, string domain)
    {
        var key = ScheduledQueue.KeyOf(tenant, campaign, domain);
        if (!_scheduled.TryGetValue(key, out var queue)) _scheduled[key] = queue = new ScheduledQueue(tenant, campaign, domain) { Counters = Counters };
        return queue;
    }

    /// <summary>Spool updates are not awaited by the queue; a failed one is logged.</summary>
    private void Observe(Task task, SpoolId id)
    {
        if (task.IsCompletedSuccessfully) return;
        _ = ObserveAsync(task, id);
    }

    private async Task ObserveAsync(Task task, SpoolId id)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception ex) { QueueLog.SpoolUpdateFailed(_logger, id.ToString(), ex); }
    }
}
