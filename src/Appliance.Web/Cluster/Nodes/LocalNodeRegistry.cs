namespace Appliance.Web.Cluster.Nodes;

/// <summary>The registry of a single node (cluster mode off): this node only.</summary>
public sealed class LocalNodeRegistry(LocalNode local) : INodeRegistry
{
    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        [await local.CurrentAsync(cancellationToken)];
}
