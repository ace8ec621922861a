namespace Appliance.Web.Modules.TenantUsers;

/// <summary>POST /api/v1/tenants/{id}/invitations: the address to invite and its role (TenantAdmin or TenantViewer).</summary>
public sealed record InviteRequest(string? Email, string? Role);
