namespace Appliance.Web.Api.Contracts;

/// <summary>A credential as the API shows it: never the password or its secret.</summary>
public sealed record SmtpCredentialResponse(string Username, string TenantId, string? Stream, DateTimeOffset CreatedAt);
