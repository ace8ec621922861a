namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>Body of POST /api/v1/egress-sources (name required) and PUT /api/v1/egress-sources/{name} (name ignored).</summary>
public sealed record EgressSourceRequest(string? Name, string? BindAddress, string? EhloName);
