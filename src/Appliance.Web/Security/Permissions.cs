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

    /// <summary>Read-only pages: every signed-in user in one of the appliance roles.</summary>
    public const string CanView = "CanView";
}
