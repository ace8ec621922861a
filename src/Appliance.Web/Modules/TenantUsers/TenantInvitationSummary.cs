namespace Appliance.Web.Modules.TenantUsers;

/// <summary>An invitation as the API answers it and the audit log records it (never the token).</summary>
public sealed record TenantInvitationSummary(int Id, string TenantId, string Email, string Role, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);
