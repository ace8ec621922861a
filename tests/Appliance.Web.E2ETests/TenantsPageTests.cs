using Appliance.Mta.Security;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class TenantsPageTests
{
    [BrowserFact]
    public async Task Admin_creates_a_tenant_and_an_smtp_credential_whose_password_is_shown_once()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/tenants");
        var page = browser.Page;

        // An empty name is refused with a message.
        await page.ClickAsync("#new-tenant");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenant-form .form-error")).ToContainTextAsync("The name is required.");

        await page.FillAsync("#tenant-name input", "Acme Corp");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenants-table")).ToContainTextAsync("acme-corp");
        await Assertions.Expect(page.Locator("#credentials-panel")).ToContainTextAsync("SMTP credentials of Acme Corp");

        await page.FillAsync("#credential-username input", "acme-app");
        await page.ClickAsync("#create-credential");
        var shown = page.Locator("#generated-password");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var password = (await shown.TextContentAsync())!.Trim();
        Assert.True(password.Length >= 20, $"generated password '{password}' is too short");
        await Assertions.Expect(page.Locator("#credentials-table")).ToContainTextAsync("acme-app");
        await browser.ScreenshotAsync("tenants");

        // Shown once: after leaving and coming back it is gone, and only the SCRAM secret is stored.
        await browser.GotoInteractiveAsync("/tenants");
        await page.Locator(".manage-tenant").Nth(0).ClickAsync();
        Assert.Equal(0, await page.Locator("#generated-password").CountAsync());
        await using var db = app.CreateDbContext();
        var stored = await db.SmtpCredentials.SingleAsync(c => c.Username == "acme-app");
        Assert.Equal("acme-corp", stored.TenantId);
        Assert.DoesNotContain(password, stored.Secret, StringComparison.Ordinal);
        Assert.True(ScramSecret.Parse(stored.Secret).Verify(password));
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "smtp-credential.create" && a.Target == "acme-corp/acme-app" && !a.After!.Contains(password, StringComparison.Ordinal));

        // Edit: DSNs off; delete the credential.
        await page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "acme-corp" }).Locator(".edit-tenant").ClickAsync();
        await page.Locator("#tenant-dsn input").ClickAsync();
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "acme-corp" })).ToContainTextAsync("off");
        await page.Locator("#credentials-table .delete-credential").First.ClickAsync();
        await Assertions.Expect(page.Locator("#no-credentials")).ToBeVisibleAsync();
        await using var after = app.CreateDbContext();
        Assert.False((await after.Tenants.SingleAsync(t => t.Id == "acme-corp")).DsnEnabled);
        Assert.False(await after.SmtpCredentials.AnyAsync(c => c.Username == "acme-app"));
        Assert.Empty(browser.Errors);
    }
}
