namespace Appliance.Web.Modules.TenantUsers;

/// <summary>One tenant's users and its open invitations.</summary>
public sealed record TenantUsersView(string TenantId, string TenantName, IReadOnlyList<TenantUserSummary> Users, IReadOnlyList<TenantInvitationSummary> Invitations);
