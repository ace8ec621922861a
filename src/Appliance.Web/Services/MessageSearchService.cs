using Appliance.Mta.Events;
using Appliance.Mta.Queue;

namespace Appliance.Web.Services;

/// <summary>Event search and message timelines over the engine's <see cref="EventLog"/> and queue.</summary>
public sealed class MessageSearchService(EventLog eventLog, QueueLookup queueLookup)
{
    /// <summary>Events read for one message's timeline.</summary>
    public const int TimelineLimit = 1000;

    /// <summary>The furthest a search pages (skip + take).</summary>
    public const int MaxResults = 10_000;

    private EventLog? Log => eventLog;

    private QueueLookup? Queue => queueLookup;

    /// <summary>Events matching <paramref name="query"/> (its Limit is ignored), newest first, skipping <paramref name="skip"/>.</summary>
    public async Task<MessageSearchPage> SearchAsync(EventQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        if (Log is not { } log) return new MessageSearchPage([], false);
        skip = Math.Clamp(skip, 0, MaxResults);
        take = Math.Clamp(take, 1, MaxResults - skip);
        var found = await log.SearchAsync(query with { Limit = skip + take + 1 }, cancellationToken);
        return new MessageSearchPage(found.Skip(skip).Take(take).ToList(), found.Count > skip + take);
    }

    /// <summary>
    /// The message with this queue id (or Message-ID header), or null when neither the queue nor the log knows it
    /// or it belongs to another tenant than <paramref name="tenantScope"/> (when set).
    /// </summary>
    public async Task<MessageSearchDetail?> GetDetailAsync(string id, string? tenantScope, CancellationToken cancellationToken)
    {
        id = id.Trim();
        if (id.Length == 0) return null;
        var events = Log is { } log
            ? await log.SearchAsync(new EventQuery { MessageId = id, Tenant = tenantScope, Limit = TimelineLimit }, cancellationToken)
            : [];
        var timeline = events.OrderBy(e => e.Timestamp).ToList();
        var queueId = timeline.FirstOrDefault(e => e.MessageId is not null)?.MessageId ?? id;
        var message = Queue?.Find(queueId);
        if (message is not null && tenantScope is not null && message.Envelope.TenantId != tenantScope) message = null;
        if (message is null && timeline.Count == 0) return null;

        var tenant = message?.Envelope.TenantId ?? timeline.FirstOrDefault(e => e.Tenant is not null)?.Tenant;
        return new MessageSearchDetail(queueId, tenant, StatusOf(message, timeline), timeline, message is null ? null : ToQueued(message));
    }

    private static string StatusOf(QueuedMessage? message, List<MtaEvent> timeline)
    {
        if (message is not null) return "queued";
        var outcomes = timeline.Select(e => e.Type).Where(t => t is MtaEventType.Delivery or MtaEventType.Bounce or MtaEventType.Expiration).Distinct().ToList();
        return outcomes.Count == 1
            ? outcomes[0] switch { MtaEventType.Delivery => "delivered", MtaEventType.Bounce => "bounced", _ => "expired" }
            : "finished";
    }

    private MessageSearchQueued ToQueued(QueuedMessage m)
    {
        var env = m.Envelope;
        bool[] done;
        lock (m.Sync) done = [.. m.Done];
        return new MessageSearchQueued(
            env.MailFrom,
            env.Recipients.Select((r, i) => new MessageSearchRecipient(r.Address, done[i])).ToList(),
            env.TenantId, env.Campaign, env.Stream, env.ReceivedAt, env.ClientAddress, env.AuthUser, env.MessageIdHeader,
            m.Attempts, m.NextAttempt == default ? null : m.NextAttempt, m.LastResponse, Queue?.ReadHeaders(m));
    }
}
