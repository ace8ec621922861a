using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>
/// "View as tenant": a global Admin enters a tenant's view (audited), sees the banner and only that tenant's objects
/// (another tenant's domain is 404), and leaves it again (audited); nobody else may enter it.
/// </summary>
public sealed class ViewAsTenantTests
{
    private const string AdminEmail = "view-as-admin@example.com";

    [Fact]
    public async Task An_admin_enters_and_leaves_a_tenant_view_and_both_are_audited()
    {
        using var factory = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
            ["Appliance:Bootstrap:AdminPassword"] = AuthorizationWorld.Password,
        });
        var api = factory.CreateAdminClient();
        var a = await TenantWithDomainAsync(api, "va-a");
        var b = await TenantWithDomainAsync(api, "va-b");
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(browser, AdminEmail, AuthorizationWorld.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/domains/{b}.example")).StatusCode);

        var entered = await ViewAsAsync(browser, a);

        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var home = await browser.GetStringAsync("/");
        Assert.Contains("view-as-banner", home);
        Assert.Contains("tenant-dashboard", home);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/domains/{b}.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/domains/{a}.example")).StatusCode);

        await ViewAsAsync(browser, "");

        Assert.DoesNotContain("view-as-banner", await browser.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/domains/{b}.example")).StatusCode);
        await using var db = factory.CreateDbContext();
        var actions = await db.AuditLog.Where(e => e.Action.StartsWith("tenant.view-as")).OrderBy(e => e.Id).Select(e => new { e.Action, e.Target, e.Actor }).ToListAsync();
        Assert.Equal(["tenant.view-as.enter", "tenant.view-as.leave"], actions.Select(x => x.Action));
        Assert.All(actions, x => Assert.Equal(a, x.Target));
        Assert.All(actions, x => Assert.Equal("user:" + AdminEmail, x.Actor));
    }

    [Fact]
    public async Task A_global_viewer_cannot_enter_a_tenant_view()
    {
        using var factory = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
            ["Appliance:Bootstrap:AdminPassword"] = AuthorizationWorld.Password,
        });
        var api = factory.CreateAdminClient();
        var a = await TenantWithDomainAsync(api, "va-c");
        Assert.True((await api.PostAsJsonAsync("/api/v1/users", new { email = "va-viewer@example.com", password = AuthorizationWorld.Password, role = ApplianceRoles.Viewer })).IsSuccessStatusCode);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(browser, "va-viewer@example.com", AuthorizationWorld.Password);

        var response = await ViewAsAsync(browser, a);

        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString ?? "");
        Assert.DoesNotContain("view-as-banner", await browser.GetStringAsync("/"));
    }

    private static async Task<string> TenantWithDomainAsync(HttpClient api, string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        var response = await api.PostAsJsonAsync("/api/v1/tenants", new { name });
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{id}/domains", new { name = id + ".example", algorithm = "ed25519" })).IsSuccessStatusCode);
        return id;
    }

    private static async Task<HttpResponseMessage> ViewAsAsync(HttpClient browser, string tenant)
    {
        var token = await LoginForm.TokenAsync(browser, "/");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["tenantId"] = tenant,
            ["returnUrl"] = "/",
        });
        return await browser.PostAsync("/account/view-as", body);
    }
}
