using Appliance.Mta.Admin;

namespace Appliance.Web.Services;

/// <summary>
/// The read side of the Queues page, the dashboard and /api/v1/queues: the engine's queues as one tenant or the
/// administrator sees them, read from the engine's queue counters (no walk over queued items, no queue lock). A tenant
/// sees only its scheduled queues: ready queues (sites) are shared by every tenant. Operations go through
/// <see cref="QueueOperations"/>.
/// </summary>
public sealed class QueueViewService(IQueueAdmin queueAdmin, IReadyQueueControl? readyQueues = null)
{
    public IQueueAdmin? Admin => queueAdmin;

    public QueueSummary GetSummary(string? tenantScope)
    {
        if (Admin is not { } admin) return new QueueSummary([], [], new Dictionary<string, int>(), 0);
        var summary = admin.GetSummary();
        if (tenantScope is null) return summary;
        var count = summary.MessagesByTenant.GetValueOrDefault(tenantScope);
        return new QueueSummary(
            summary.Scheduled.Where(q => q.Tenant == tenantScope).ToList(),
            [],
            count == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { [tenantScope] = count },
            count);
    }

    /// <summary>The live totals; a tenant sees its own message count only.</summary>
    public QueueCountersSnapshot GetCounters(string? tenantScope)
    {
        var counters = Admin?.GetCounters() ?? QueueCountersSnapshot.Empty;
        if (tenantScope is null) return counters;
        var count = counters.MessagesByTenant.GetValueOrDefault(tenantScope);
        return QueueCountersSnapshot.Empty with
        {
            Messages = count,
            MessagesByTenant = count == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { [tenantScope] = count },
        };
    }

    /// <summary>One page of scheduled queues; a tenant's query is pinned to its own tenant.</summary>
    public QueuePage<ScheduledQueueInfo> QueryScheduled(ScheduledQueueQuery query, string? tenantScope)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (tenantScope is not null) query = query with { Tenant = tenantScope };
        return Admin?.QueryScheduled(query) ?? new QueuePage<ScheduledQueueInfo>([], 0, query.Page, query.PageSize);
    }

    /// <summary>One page of ready queues, suspended and busiest first (there is one per egress source and site, not per message).</summary>
    public QueuePage<ReadyQueueInfo> QueryReady(int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, ScheduledQueueQuery.MaxPageSize);
        page = Math.Max(0, page);
        var ready = Admin?.GetReadyQueues() ?? [];
        var items = ready.OrderByDescending(r => r.Suspended).ThenByDescending(r => r.Messages).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Skip(page * pageSize).Take(pageSize).ToList();
        return new QueuePage<ReadyQueueInfo>(items, ready.Count, page, pageSize);
    }

    /// <summary>Ready queues on hold after every host refused connections: name → until when.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GetHeld(DateTimeOffset now) =>
        readyQueues?.Held(now) ?? new Dictionary<string, DateTimeOffset>();
}
