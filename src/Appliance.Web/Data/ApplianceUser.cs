using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Data;

/// <summary>
/// A user of the admin panel (ASP.NET Core Identity user): a global user (<see cref="TenantId"/> null, roles
/// Admin/Operator/Viewer) or a tenant user (roles TenantAdmin/TenantViewer) who sees only that tenant.
/// </summary>
public sealed class ApplianceUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The tenant a tenant user belongs to; null for global users.</summary>
    public string? TenantId { get; set; }

    /// <summary>"View as tenant": the tenant a global Admin is currently looking at the panel as; null = the global view.</summary>
    public string? ViewAsTenantId { get; set; }
}
