namespace Appliance.Web.Cluster.Nodes;

/// <summary>The nodes whose heartbeat has not expired (the admin panel's node list).</summary>
public interface INodeRegistry
{
    /// <summary>Every live node, by name; empty when the registry (Redis) cannot be read.</summary>
    Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default);
}
