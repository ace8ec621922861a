namespace Appliance.Web.Api.Contracts;

/// <summary>A route as the API shows it: the password is never returned.</summary>
public sealed record RouteResponse(string Domain, string Host, int Port, string? Username, bool HasPassword, string Tls);
