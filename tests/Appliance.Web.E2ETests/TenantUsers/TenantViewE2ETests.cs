using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.Data;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.TenantUsers;

/// <summary>
/// The tenant view in Chromium, Production environment: a TenantAdmin creates an SMTP credential and a webhook in its
/// own view (both bound to its tenant), and cannot open another tenant's credentials or webhooks (404, over HTTP and
/// by in-app navigation).
/// </summary>
public sealed class TenantViewE2ETests
{
    private const string ApiKey = "e2e-tenant-view-admin-key-0123456789";
    private const string TenantAdminEmail = "owner@alpha-view.example";

    [BrowserFact]
    public async Task A_tenant_admin_creates_a_credential_and_a_webhook_and_cannot_open_another_tenants()
    {
        using var app = Users.WithAdmin(new Dictionary<string, string?> { ["Appliance:Bootstrap:ApiKey"] = ApiKey });
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var a = await TenantAsync(api, "Alpha View");
        var b = await TenantAsync(api, "Beta View");
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/smtp-credentials", new { username = "beta-sender", password = Users.Password })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/webhooks", new { url = "https://hooks.beta.example/mta", eventTypes = new[] { "delivery" } })).IsSuccessStatusCode);
        await TenantAdminAsync(app, a);

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(TenantAdminEmail, Users.Password);
        await browser.WaitForCircuitAsync();

        // SMTP credential, from the menu's tenant-view entry.
        await page.Locator("#nav-menu").GetByText("Credentials and API keys", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#credentials-panel")).ToBeVisibleAsync();
        await page.FillAsync("#credential-username input", "alpha-sender");
        await page.ClickAsync("#create-credential");
        await Assertions.Expect(page.Locator("#generated-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#credentials-table")).ToContainTextAsync("alpha-sender");
        await Assertions.Expect(page.Locator("#credentials-table")).Not.ToContainTextAsync("beta-sender");

        // Webhook: no tenant to choose, the own tenant's list only.
        await browser.GotoInteractiveAsync("/webhooks");
        await Assertions.Expect(page.Locator("#webhook-tenant")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();
        await page.ClickAsync("#new-webhook");
        await page.FillAsync("#webhook-url input", "https://hooks.alpha.example/mta");
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        await page.ClickAsync("#ack-secret");
        await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("https://hooks.alpha.example/mta");
        await Assertions.Expect(page.Locator("#webhooks-table")).Not.ToContainTextAsync("hooks.beta.example");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContextAsync();
            Assert.Equal(a, (await db.SmtpCredentials.SingleAsync(c => c.Username == "alpha-sender")).TenantId);
            Assert.Equal(a, (await db.Endpoints.SingleAsync(e => e.Url == "https://hooks.alpha.example/mta")).TenantId);
        }

        // Another tenant's objects: 404 over HTTP, the not-found page by in-app navigation.
        var credentials = await page.GotoAsync($"/tenants/{b}/credentials");
        Assert.Equal(404, credentials!.Status);
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("beta-sender");
        var webhooks = await page.GotoAsync($"/webhooks?tenant={b}");
        Assert.Equal(404, webhooks!.Status);
        await browser.GotoInteractiveAsync("/");
        await page.EvaluateAsync($"Blazor.navigateTo('/tenants/{b}/credentials')");
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#credentials-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(browser.Errors, e => !e.Contains("404", StringComparison.Ordinal));
    }

    private static async Task<string> TenantAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/api/v1/tenants", new { name });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TenantDto>())!.Id;
    }

    private static async Task TenantAdminAsync(UiAppFactory app, string tenant)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = new ApplianceUser { UserName = TenantAdminEmail, Email = TenantAdminEmail, EmailConfirmed = true, TenantId = tenant };
        Assert.True((await users.CreateAsync(user, Users.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, ApplianceRoles.TenantAdmin)).Succeeded);
    }

    private sealed record TenantDto(string Id);
}
