namespace Appliance.Web.Api.Contracts;

/// <summary>Tls is one of opportunistic (default), disabled, required, implicit.</summary>
public sealed record UpsertRouteRequest(string? Domain, string? Host, int? Port, string? Username = null, string? Password = null, string? Tls = null);
