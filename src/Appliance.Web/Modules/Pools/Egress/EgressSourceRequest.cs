namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// Body of POST /api/v1/egress-sources (name required) and PUT /api/v1/egress-sources/{name} (name ignored). <see
/// cref="Node"/>: the <c>Appliance:Cluster:NodeName</c> of the node whose host has the bind address; empty or absent
/// lets any node send from it.
/// </summary>
public sealed record EgressSourceRequest(string? Name, string? BindAddress, string? EhloName, string? Node = null);
