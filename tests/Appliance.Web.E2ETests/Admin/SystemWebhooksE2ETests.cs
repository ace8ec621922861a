using Appliance.Web.Data;
using System.Text;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Modules.Webhooks;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>
/// Issue 17, system webhooks in the admin panel (System → System webhooks): a global admin creates one with the tenant
/// page's validation and one-time secret dialog, sees it listed, tests it against a real loopback receiver, edits and
/// deletes it; an operator has no link and is refused the page.
/// </summary>
public sealed class SystemWebhooksE2ETests
{
    private static async Task<List<WebhookEndpoint>> EndpointsAsync(UiAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContextAsync();
        return await db.Endpoints.AsNoTracking().ToListAsync();
    }

    [BrowserFact]
    public async Task Admin_creates_a_system_webhook_sees_it_listed_and_its_test_reaches_a_loopback_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/system-webhooks");
        await Assertions.Expect(page.Locator("#nav-menu a[href='system-webhooks']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();

        // Invalid URLs: the service's messages under the field, nothing stored.
        await page.ClickAsync("#new-webhook");
        await page.FillAsync("#webhook-url input", "not a url");
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-url")).ToContainTextAsync("The URL must be an absolute http:// or https:// URL.");
        // A private address is refused by the outbound HTTP guard (the tests allow 127.0.0.0/8 only).
        await page.FillAsync("#webhook-url input", "http://10.20.30.40/hook");
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-url")).ToContainTextAsync("webhooks cannot reach it");
        Assert.Empty(await EndpointsAsync(app));

        // A valid one: the secret once in a dialog, then listed; stored with system scope.
        await page.FillAsync("#webhook-url input", receiver.Url);
        await page.Locator("#webhook-types label", new() { HasTextString = "Alert" }).ClickAsync();
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        var secret = (await page.Locator("#webhook-secret").TextContentAsync())!.Trim();
        Assert.True(secret.Length >= 16, $"secret '{secret}'");
        await page.Mouse.ClickAsync(5, 5);
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        await page.ClickAsync("#ack-secret");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        var row = page.Locator("#webhooks-table tbody tr", new() { HasTextString = receiver.Url });
        await Assertions.Expect(row).ToContainTextAsync("Alert");
        var stored = Assert.Single(await EndpointsAsync(app));
        Assert.Equal(WebhookScopes.System, stored.TenantId);
        Assert.Equal(receiver.Url, stored.Url);

        // Test: the receiver gets one signed test batch that the shown secret verifies.
        await row.Locator(".test-webhook").ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-test-result")).ToContainTextAsync("delivered: HTTP 200");
        var (signature, body) = Assert.Single(receiver.Received);
        Assert.Contains("\"test\":true", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(secret, signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), $"signature '{signature}'");
        await browser.ScreenshotAsync("system-webhooks");

        // Edit: the event filter changes; delete: gone from the list and the database.
        await row.Locator(".edit-webhook").ClickAsync();
        await page.Locator("#webhook-types label", new() { HasTextString = "Bounce" }).ClickAsync();
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-form")).ToHaveCountAsync(0);
        await Assertions.Expect(row).Not.ToContainTextAsync("Bounce");
        Assert.DoesNotContain("Bounce", Assert.Single(await EndpointsAsync(app)).EventTypes, StringComparison.Ordinal);
        await row.Locator(".delete-webhook").ClickAsync();
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();
        Assert.Empty(await EndpointsAsync(app));
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task An_operator_has_no_system_webhooks_link_and_is_refused_the_page()
    {
        using var app = Users.WithAdmin();
        await Users.CreateAsync(app, "operator@example.com", ApplianceRoles.Operator);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync("operator@example.com", Users.Password);
        await browser.GotoInteractiveAsync("/");
        await page.Locator("#nav-group-system button, #nav-group-system .mud-nav-link").First.ClickAsync();
        await Assertions.Expect(page.Locator("#nav-menu a[href='api-reference']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#nav-menu a[href='system-webhooks']").CountAsync());

        await page.GotoAsync("/system-webhooks");
        Assert.EndsWith("/account/access-denied", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#new-webhook").CountAsync());
    }
}
