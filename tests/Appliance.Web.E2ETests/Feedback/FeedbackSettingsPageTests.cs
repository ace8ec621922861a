using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Feedback;

/// <summary>
/// The tenant feedback settings page (issue 6): an invalid return-path domain is refused; a valid one with one-click
/// unsubscribe is saved, audited, and shown again after a reload.
/// </summary>
public sealed class FeedbackSettingsPageTests
{
    [BrowserFact]
    public async Task Admin_sets_the_return_path_domain_and_one_click()
    {
        using var app = Users.WithAdmin();
        // A return-path domain must be a sending domain of the tenant or a subdomain of one (issue 15).
        var domain = await app.Services.GetRequiredService<DomainService>().CreateAsync("default", new CreateDomainRequest("example.com"), "test");
        Assert.True(domain.Succeeded, "example.com could not be added as a sending domain");
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/suppressions");
        var page = browser.Page;
        await page.ClickAsync("#feedback-settings-link");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Feedback settings");

        await page.FillAsync("#feedback-return-path input", "not a domain!");
        await page.ClickAsync("#save-feedback-settings");
        await Assertions.Expect(page.Locator("#feedback-settings .form-error")).ToContainTextAsync("valid domain");

        await page.FillAsync("#feedback-return-path input", "gmail.com");
        await page.ClickAsync("#save-feedback-settings");
        await Assertions.Expect(page.Locator("#feedback-settings .form-error")).ToContainTextAsync("own-sending-domain");

        await page.FillAsync("#feedback-return-path input", "Bounces.Example.COM");
        await page.Locator("#feedback-one-click input").CheckAsync();
        await page.ClickAsync("#save-feedback-settings");
        await Assertions.Expect(page.Locator("#feedback-return-path input")).ToHaveValueAsync("bounces.example.com");

        await browser.GotoInteractiveAsync("/suppressions/settings");
        await Assertions.Expect(page.Locator("#feedback-return-path input")).ToHaveValueAsync("bounces.example.com");
        await Assertions.Expect(page.Locator("#feedback-one-click input")).ToBeCheckedAsync();
        await browser.ScreenshotAsync("feedback-settings");

        await using var db = app.CreateDbContext();
        var audit = await db.AuditLog.Where(a => a.Action == "tenant.feedback-settings").ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Contains("bounces.example.com", entry.After, StringComparison.Ordinal);
        Assert.Empty(browser.Errors);
    }
}
