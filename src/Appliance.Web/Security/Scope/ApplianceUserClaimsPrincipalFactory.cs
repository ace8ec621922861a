using System.Security.Claims;
using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security.Scope;

/// <summary>
/// Identity's principal plus the appliance's scope claims: a tenant user's tenant (<see cref="CallerScope.TenantClaim"/>,
/// the same claim a tenant API key carries) and a global Admin's "view as" tenant. Rebuilt at every sign-in refresh
/// and security-stamp validation, so a change of either shows within the validation interval.
/// </summary>
public sealed class ApplianceUserClaimsPrincipalFactory(UserManager<ApplianceUser> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplianceUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplianceUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is { } tenant) identity.AddClaim(new Claim(CallerScope.TenantClaim, tenant));
        else if (user.ViewAsTenantId is { } viewAs) identity.AddClaim(new Claim(CallerScope.ViewAsClaim, viewAs));
        return identity;
    }
}
