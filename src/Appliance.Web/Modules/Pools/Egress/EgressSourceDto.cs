namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>An egress source as the API and the page show it.</summary>
public sealed record EgressSourceDto(string Name, string? BindAddress, string? EhloName);
