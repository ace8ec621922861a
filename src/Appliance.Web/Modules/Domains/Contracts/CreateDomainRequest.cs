namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>POST /api/v1/tenants/{id}/domains. Algorithm: "rsa" (default), "ed25519" or "dual".
/// ReturnPathDomain defaults to "bounces.&lt;name&gt;".</summary>
public sealed record CreateDomainRequest(string? Name, string? Algorithm = null, string? ReturnPathDomain = null);
