using Appliance.Web.Cluster;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// The node name egress ownership compares with (<see cref="Appliance.Mta.Egress.EgressPlan.LocalNode"/>): this node's
/// <c>Appliance:Cluster:NodeName</c> in cluster mode, null on a single node, where a source's owner is ignored and every
/// source is used exactly as before cluster mode existed.
/// </summary>
public sealed class EgressNode(IOptions<ClusterOptions> cluster)
{
    /// <summary>This node's name in cluster mode; null outside a cluster.</summary>
    public string? Name => cluster.Value.Enabled ? cluster.Value.EffectiveNodeName : null;

    /// <summary>
    /// True when this node sends from a source owned by <paramref name="owner"/>: outside a cluster always; in a cluster
    /// when the source has no owner or this node is it.
    /// </summary>
    public bool Owns(string? owner) =>
        Name is not { } name || string.IsNullOrWhiteSpace(owner) || string.Equals(owner.Trim(), name, StringComparison.OrdinalIgnoreCase);
}
