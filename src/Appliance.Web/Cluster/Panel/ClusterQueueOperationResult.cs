using Appliance.Web.Api.Contracts;

namespace Appliance.Web.Cluster.Panel;

/// <summary>POST /api/v1/cluster/queues/{operation}: the items affected on all nodes that answered, and each node's answer.</summary>
public sealed record ClusterQueueOperationResult(int Affected, bool DryRun, IReadOnlyList<NodeAnswer<QueueOperationResult>> Nodes);
