using Appliance.Web.Cluster.Drain;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// The cluster API (global admin keys): GET /api/v1/cluster/nodes (the node registry) and /api/v1/cluster/drain
/// (this node's drain: POST starts it, GET reports it, DELETE ends it).
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
}
