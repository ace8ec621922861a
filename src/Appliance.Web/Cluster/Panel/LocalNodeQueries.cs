using System.Security.Claims;
using Appliance.Mta.Events;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// What this node answers to the cluster panel, for the internal API and for the fan-out's own node alike: its queue
/// report, a queue operation on its own queue, an event search of its own event log and one message's detail. The
/// tenant scope comes from the calling node, which has checked its caller; here it only narrows.
/// </summary>
public sealed class LocalNodeQueries(QueueViewService queues, QueueOperations operations, MessageSearchService search)
{
    public NodeQueueReport Queues(string? tenantScope)
    {
        var summary = queues.GetSummary(tenantScope);
        return new NodeQueueReport(
            queues.GetCounters(tenantScope),
            [.. summary.Scheduled.OrderByDescending(q => q.Messages).ThenBy(q => q.Name, StringComparer.Ordinal).Take(NodeQueueReport.MaxQueues)],
            [.. summary.Ready.OrderByDescending(q => q.Messages).ThenBy(q => q.Name, StringComparer.Ordinal).Take(NodeQueueReport.MaxQueues)]);
    }

    /// <summary>Runs a forwarded operation on this node's queue as <paramref name="operation"/>'s actor, within its tenant scope.</summary>
    public Task<QueueOperationOutcome> OperateAsync(QueueViewOperation verb, InternalQueueOperation operation, string callerNode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{operation.Actor} via {callerNode}") };
        if (operation.TenantScope is { Length: > 0 } tenant) claims.Add(new Claim(ApiKeyAuthenticationHandler.TenantClaim, tenant));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "ClusterNode"));
        var r = operation.Request;
        return operations.RunAsync(new QueueOperationCommand(verb, r.ToFilter(), r.Reason, r.DryRun), user, null, ct);
    }

    public async Task<InternalEventPage> SearchAsync(EventQuery query, int limit, CancellationToken ct)
    {
        var page = await search.SearchAsync(query, 0, limit, ct);
        return new InternalEventPage(page.Events, page.More);
    }

    public Task<MessageSearchDetail?> DetailAsync(string id, string? tenantScope, CancellationToken ct) => search.GetDetailAsync(id, tenantScope, ct);
}
