namespace Appliance.Mta.Security;

/// <summary>An SMTP AUTH identity: it belongs to a tenant and may pin a stream (transactional/marketing).</summary>
public sealed record SmtpCredential(string Username, string TenantId, ScramSecret Secret, string? Stream = null);
