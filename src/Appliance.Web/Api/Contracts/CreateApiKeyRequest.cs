namespace Appliance.Web.Api.Contracts;

/// <summary>POST /tenants/{id}/api-keys: a name and a role (admin, operator or viewer; default operator).</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role, string? Stream = null);
