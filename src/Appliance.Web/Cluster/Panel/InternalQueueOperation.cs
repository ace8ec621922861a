using Appliance.Web.Api.Contracts;

namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// A queue operation forwarded to a node: the request as the caller made it, the caller's tenant scope (already
/// checked on the calling node; null = global) and the actor for that node's audit record.
/// </summary>
public sealed record InternalQueueOperation(QueueOperationRequest Request, string? TenantScope, string Actor);
