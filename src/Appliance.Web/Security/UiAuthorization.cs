using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Security;

/// <summary>Registers the <see cref="Permissions"/> policies over the Identity cookie scheme.</summary>
public static class UiAuthorization
{
    public static AuthorizationBuilder AddUiPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Permissions.CanManageUsers, p => Cookie(p).RequireRole(ApplianceRoles.Admin))
        .AddPolicy(Permissions.CanConfigure, p => Cookie(p).RequireRole(ApplianceRoles.Admin))
        .AddPolicy(Permissions.CanOperate, p => Cookie(p).RequireRole(ApplianceRoles.Admin, ApplianceRoles.Operator))
        .AddPolicy(Permissions.CanView, p => Cookie(p).RequireRole(ApplianceRoles.Admin, ApplianceRoles.Operator, ApplianceRoles.Viewer))
        .AddPolicy(Permissions.CanViewTenant, p => Cookie(p).RequireRole(ApplianceRoles.Every))
        .AddPolicy(Permissions.CanManageTenant, p => Cookie(p).RequireRole(ApplianceRoles.Admin, ApplianceRoles.TenantAdmin))
        .AddPolicy(Permissions.CanOperateTenant, p => Cookie(p).RequireRole(ApplianceRoles.Admin, ApplianceRoles.Operator, ApplianceRoles.TenantAdmin))
        .AddPolicy(Permissions.CanViewContent, p => Cookie(p).RequireRole(ApplianceRoles.Admin, ApplianceRoles.TenantAdmin));

    private static AuthorizationPolicyBuilder Cookie(AuthorizationPolicyBuilder p) =>
        p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser();
}
