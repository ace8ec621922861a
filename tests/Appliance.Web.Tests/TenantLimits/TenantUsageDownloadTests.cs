using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// The usage panel's CSV download (GET /tenants/{id}/usage.csv, the panel's cookie): a global user gets any tenant's,
/// a tenant user its own and 404 for another tenant's (as for one that does not exist), nobody signed out any.
/// </summary>
public sealed class TenantUsageDownloadTests
{
    private const string AdminEmail = "usage-admin@example.com";

    [Fact]
    public async Task The_usage_csv_answers_the_panels_cookie_and_a_tenant_user_only_for_its_own_tenant()
    {
        using var factory = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
            ["Appliance:Bootstrap:AdminPassword"] = AuthorizationWorld.Password,
        });
        var api = factory.CreateAdminClient();
        var a = (await (await api.PostAsJsonAsync("/api/v1/tenants", new { name = "Usage A" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var b = (await (await api.PostAsJsonAsync("/api/v1/tenants", new { name = "Usage B" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var sent = await api.PostAsJsonAsync("/api/v1/messages", new { tenantId = a, from = "news@a.example", to = new[] { "x@example.net", "y@example.net" }, subject = "s", text = "b" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var user = new ApplianceUser { UserName = "viewer@a.example", Email = "viewer@a.example", EmailConfirmed = true, TenantId = a, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, AuthorizationWorld.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, ApplianceRoles.TenantViewer)).Succeeded);
        }

        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync($"/tenants/{a}/usage.csv");
        Assert.Contains("/account/login", refused.Headers.Location?.OriginalString ?? "");

        var admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(admin, AdminEmail, AuthorizationWorld.Password);
        var csv = await admin.GetAsync($"/tenants/{a}/usage.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", csv.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var rows = (await csv.Content.ReadAsStringAsync()).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,domain,accepted,", rows[0], StringComparison.Ordinal);
        Assert.Equal("2", Assert.Single(rows, r => r.Contains(",a.example,", StringComparison.Ordinal)).Split(',')[2]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/tenants/{b}/usage.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/tenants/no-such-tenant/usage.csv")).StatusCode);

        var tenantUser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(tenantUser, "viewer@a.example", AuthorizationWorld.Password);
        Assert.Equal(HttpStatusCode.OK, (await tenantUser.GetAsync($"/tenants/{a}/usage.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantUser.GetAsync($"/tenants/{b}/usage.csv")).StatusCode);
    }
}
