using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>The one scope rule for API keys, tenant users and "view as tenant" (<see cref="CallerScope.Of"/>).</summary>
public sealed class CallerScopeTests
{
    private static ClaimsPrincipal Principal(string scheme, params Claim[] claims) => new(new ClaimsIdentity(claims, scheme));

    [Fact]
    public void A_tenant_key_is_scoped_to_its_tenant()
    {
        var key = Principal(ApiKeyAuthenticationHandler.SchemeName, new Claim(ClaimTypes.Role, ApplianceRoles.Admin), new Claim(CallerScope.TenantClaim, "acme"));

        var scope = CallerScope.Of(key);

        Assert.Equal("acme", scope.TenantId);
        Assert.False(scope.ViewingAs);
        Assert.True(scope.CanSee("acme"));
        Assert.False(scope.CanSee("other"));
        Assert.Equal("acme", TenantScope.Of(key));
    }

    [Fact]
    public void A_tenant_user_is_scoped_to_its_tenant_even_with_a_view_as_claim()
    {
        var user = Principal("Identity.Application", new Claim(ClaimTypes.Role, ApplianceRoles.TenantAdmin),
            new Claim(CallerScope.TenantClaim, "acme"), new Claim(CallerScope.ViewAsClaim, "other"));

        Assert.Equal(new CallerScope("acme"), CallerScope.Of(user));
    }

    [Fact]
    public void A_global_admin_viewing_as_a_tenant_is_scoped_to_it()
    {
        var admin = Principal("Identity.Application", new Claim(ClaimTypes.Role, ApplianceRoles.Admin), new Claim(CallerScope.ViewAsClaim, "acme"));

        var scope = CallerScope.Of(admin);

        Assert.Equal("acme", scope.TenantId);
        Assert.True(scope.ViewingAs);
        Assert.False(scope.CanSee("other"));
    }

    [Fact]
    public void A_view_as_claim_without_the_admin_role_is_ignored()
    {
        var viewer = Principal("Identity.Application", new Claim(ClaimTypes.Role, ApplianceRoles.Viewer), new Claim(CallerScope.ViewAsClaim, "acme"));

        Assert.True(CallerScope.Of(viewer).IsGlobal);
    }

    [Fact]
    public void Global_callers_see_every_tenant()
    {
        var scope = CallerScope.Of(Principal("Identity.Application", new Claim(ClaimTypes.Role, ApplianceRoles.Operator)));

        Assert.True(scope.IsGlobal);
        Assert.True(scope.CanSee("acme"));
        Assert.True(scope.CanSee(null));
    }

    [Fact]
    public void Nobody_signed_in_has_no_tenant_claim_to_use()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CallerScope.TenantClaim, "acme")]));

        Assert.True(CallerScope.Of(anonymous).IsGlobal);
    }
}
