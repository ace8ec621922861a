namespace Appliance.Web.Tests.Security;

/// <summary>The callers the enumeration test tries every endpoint with (tenant keys belong to tenant A).</summary>
public enum Caller
{
    None,
    WrongKey,
    TenantViewer,
    TenantOperator,
    TenantAdmin,
    GlobalViewer,
    GlobalOperator,
    GlobalAdmin,
    CookieViewer,
    CookieOperator,
    CookieAdmin,

    /// <summary>A signed-in tenant user of tenant A, role TenantAdmin.</summary>
    TenantUserAdmin,

    /// <summary>A signed-in tenant user of tenant A, role TenantViewer.</summary>
    TenantUserViewer,
}
