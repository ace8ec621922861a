namespace Appliance.Web.Cluster.Nodes;

/// <summary>GET /api/v1/cluster/nodes (global admin keys): the node registry.</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster/nodes", async (INodeRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.ListAsync(ct)))
            .WithSummary("The live nodes: name, version, uptime, listeners, queue depth, disk guard (this node alone when cluster mode is off)")
            .WithTags("Cluster");
        return api;
    }
}
