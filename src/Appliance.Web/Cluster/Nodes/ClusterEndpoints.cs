using System.Security.Claims;
using Appliance.Mta.Events;
using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Cluster.Drain;
using Appliance.Web.Cluster.Panel;
using Appliance.Web.Services;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// /api/v1/cluster (global admin keys): the node registry, this node's drain (POST starts it, GET reports it, DELETE
/// ends it), every node's queues, queue operations on every node and the nodes' event logs merged
/// (<see cref="ClusterPanelService"/>). With cluster mode off they answer for this node alone.
/// </summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster/nodes", async (INodeRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.ListAsync(ct)))
            .WithSummary("The live nodes: name, version, uptime, listeners, queue depth, disk guard, draining, last alerts (this node alone when cluster mode is off)")
            .WithTags("Cluster");
        api.MapGet("/cluster/drain", (NodeDrainService drain) => TypedResults.Ok(drain.Status))
            .WithSummary("This node's drain: accepting, draining or drained, queued and handed-over counts, the last hand-over error")
            .WithTags("Cluster");
        api.MapPost("/cluster/drain", StartDrain)
            .WithSummary("Drain this node: refuse new mail (SMTP 421 4.3.2, HTTP 503) and hand every queued message to the other nodes over SMTP")
            .WithTags("Cluster").ProducesProblem(409).ProducesProblem(503);
        api.MapDelete("/cluster/drain", async (NodeDrainService drain) => TypedResults.Ok(await drain.CancelAsync()))
            .WithSummary("Stop draining this node: it accepts mail again and delivers what is still queued itself")
            .WithTags("Cluster");
        api.MapGet("/cluster/queues", async (ClusterPanelService panel, CancellationToken ct) => TypedResults.Ok(await panel.QueuesAsync(null, ct)))
            .WithSummary("Every live node's queue counters and busiest queues; a node that did not answer in time carries an error")
            .WithTags("Cluster");
        foreach (var operation in Enum.GetValues<QueueViewOperation>())
        {
            api.MapPost("/cluster/queues/" + QueueOperations.Verb(operation), async (QueueOperationRequest? request, ClaimsPrincipal user, ClusterPanelService panel, CancellationToken ct) =>
            {
                var (check, nodes) = await panel.OperateAsync(operation, request ?? new QueueOperationRequest(), user, ct);
                return check.Status switch
                {
                    QueueOperationStatus.Done => TypedResults.Ok(new ClusterQueueOperationResult(check.Affected, check.DryRun, nodes)),
                    QueueOperationStatus.Invalid => TypedResults.ValidationProblem(check.Errors),
                    _ => TenantScope.Forbidden(check.Message),
                };
            }).WithSummary($"{operation} the queued messages matching a filter on every live node (dryRun: count them only)").WithTags("Cluster")
                .ProducesProblem(400).ProducesProblem(403);
        }
        api.MapGet("/cluster/events", SearchAsync)
            .WithSummary("Search the event logs of every live node, merged newest first, each row with its node").WithTags("Cluster").ProducesProblem(400);
        return api;
    }

    private static IResult StartDrain(NodeDrainService drain) => drain.Start() switch
    {
        DrainStart.Started or DrainStart.AlreadyDraining => TypedResults.Accepted("/api/v1/cluster/drain", drain.Status),
        DrainStart.NotClustered => TypedResults.Problem("Cluster mode is off (Appliance:Cluster:Redis is not set): there is no other node to hand the queue to.",
            statusCode: StatusCodes.Status409Conflict, title: "Not A Cluster"),
        DrainStart.NoSecret => TypedResults.Problem($"Appliance:Cluster:Secret is not set (or shorter than {ClusterOptions.MinSecretLength} characters): the hand-over to the other nodes cannot authenticate.",
            statusCode: StatusCodes.Status409Conflict, title: "No Cluster Secret"),
        _ => TypedResults.Problem("The SMTP listeners are not running yet; try again when the node has started.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Node Starting"),
    };

    private static async Task<IResult> SearchAsync(ClusterPanelService panel, CancellationToken ct, string? messageId = null, string? recipient = null,
        string? sender = null, string? tenant = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > EventsEndpoints.MaxLimit) errors.Add("limit", $"The limit must be between 1 and {EventsEndpoints.MaxLimit}.");
        if (from is not null && to is not null && from >= to) errors.Add("from", "from must be earlier than to.");
        if (!errors.IsValid) return errors.ToResult();
        var query = new EventQuery { MessageId = Blank(messageId), Recipient = Blank(recipient), Sender = Blank(sender), Tenant = Blank(tenant), From = from, To = to };
        return TypedResults.Ok(await panel.SearchAsync(query, 0, limit ?? EventsEndpoints.DefaultLimit, ct));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
