namespace Appliance.Web.Api.Contracts;

public sealed record CreateSmtpCredentialRequest(string? Username, string? Password, string? Stream = null);
