namespace Appliance.Web.Api.Contracts;

/// <summary>An API key as listed: never the key itself, only its first characters.</summary>
public sealed record ApiKeyResponse(int Id, string Name, string Role, string? TenantId, string Prefix, DateTimeOffset CreatedAt, string? Stream = null);
