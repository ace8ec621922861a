namespace Appliance.Web.Security;

/// <summary>
/// Authorization policies of the admin UI (cookie scheme). Pages use them as
/// <c>@attribute [Authorize(Policy = Permissions.CanOperate)]</c> or in <c>&lt;AuthorizeView Policy=...&gt;</c>.
/// </summary>
public static class Permissions
{
    /// <summary>Users and settings: role Admin.</summary>
    public const string CanManageUsers = "CanManageUsers";

    /// <summary>Changes to tenants, routes and settings: role Admin.</summary>
    public const string CanConfigure = "CanConfigure";

    /// <summary>Queue and message operations: roles Admin and Operator.</summary>
    public const string CanOperate = "CanOperate";

    /// <summary>Read-only global pages: every signed-in global user (Admin, Operator, Viewer); not tenant users.</summary>
    public const string CanView = "CanView";

    /// <summary>
    /// Tenant-scoped pages (dashboard, messages, sending domains, tenant users): global users and tenant users; the
    /// page's services limit a tenant user to its tenant (<see cref="Scope.ICallerScope"/>).
    /// </summary>
    public const string CanViewTenant = "CanViewTenant";

    /// <summary>Changes to one tenant's objects (domains, DKIM, users): global Admin and TenantAdmin (own tenant only).</summary>
    public const string CanManageTenant = "CanManageTenant";

    /// <summary>
    /// Day-to-day operations on one tenant's objects (suppressions, webhook tests and re-sends): global Admin and
    /// Operator, and TenantAdmin (own tenant only); never TenantViewer.
    /// </summary>
    public const string CanOperateTenant = "CanOperateTenant";

    /// <summary>
    /// Retained message contents (headers, text, HTML preview, attachments, .eml): global Admin and TenantAdmin (own
    /// tenant only); not Operator, Viewer or TenantViewer. Every view is audited (docs/tenants.md, "Message inspection").
    /// </summary>
    public const string CanViewContent = "CanViewContent";
}
