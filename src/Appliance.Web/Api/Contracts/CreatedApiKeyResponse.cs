namespace Appliance.Web.Api.Contracts;

/// <summary>The answer to creating a key: the only time <see cref="Key"/> is shown; only its hash is stored.</summary>
public sealed record CreatedApiKeyResponse(int Id, string Name, string Role, string? TenantId, string Prefix, DateTimeOffset CreatedAt, string Key, string? Stream = null);
