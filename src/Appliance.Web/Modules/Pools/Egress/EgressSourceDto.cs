namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>An egress source as the API and the page show it; <see cref="Node"/> is the owning cluster node (null: any node).</summary>
public sealed record EgressSourceDto(string Name, string? BindAddress, string? EhloName, string? Node = null);
