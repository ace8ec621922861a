namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>PUT /api/v1/domains/{name}/settings: fields left null keep their value. A new algorithm applies from the next rotation.</summary>
public sealed record UpdateDomainRequest(string? ReturnPathDomain = null, string? Algorithm = null);
