namespace Appliance.Web.Security;

/// <summary>
/// Identity role names. Global users: Admin may change settings; Operator runs queues; Viewer only reads. Tenant users
/// (<see cref="Data.ApplianceUser.TenantId"/> set) see only their tenant: TenantAdmin manages its domains, credentials,
/// keys, webhooks, suppressions and users; TenantViewer only reads (docs/tenants.md).
/// </summary>
public static class ApplianceRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";
    public const string TenantAdmin = "TenantAdmin";
    public const string TenantViewer = "TenantViewer";

    /// <summary>The global roles (users without a tenant).</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];

    /// <summary>The roles of users bound to one tenant.</summary>
    public static IReadOnlyList<string> Tenant { get; } = [TenantAdmin, TenantViewer];

    /// <summary>Every role the appliance creates at start.</summary>
    public static IReadOnlyList<string> Every { get; } = [.. All, .. Tenant];
}
