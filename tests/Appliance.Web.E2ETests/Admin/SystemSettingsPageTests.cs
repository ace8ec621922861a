using Appliance.Mta.Configuration;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>
/// The System settings page (issue 18): a change with wrong values is refused whole, each wrong field shows its own
/// message and nothing is applied; corrected, the change is published to the running engine at once.
/// </summary>
public sealed class SystemSettingsPageTests
{
    [BrowserFact]
    public async Task Wrong_values_are_shown_per_field_and_nothing_is_applied_until_corrected()
    {
        using var app = Users.WithAdmin();
        var settings = app.Services.GetRequiredService<IMtaSettings>();
        var before = settings.Current;
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/settings");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("System settings");

        await page.FillAsync("#setting-smtp-maxMessageSize input", "100");
        await page.FillAsync("#setting-smtp-relayHosts input", "10.0.0.0/8, bogus");
        await page.FillAsync("#setting-delivery-retryInterval input", "00:05:00");
        await page.ClickAsync("#save-settings");

        await Assertions.Expect(page.Locator("#setting-smtp-maxMessageSize")).ToContainTextAsync("from 1024 to 2147483647");
        await Assertions.Expect(page.Locator("#setting-smtp-relayHosts")).ToContainTextAsync("'bogus' is not a network");
        await Assertions.Expect(page.Locator("#setting-delivery-retryInterval .mud-input-error")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("system-settings-errors");
        // Refused whole: the valid retry interval was not applied either.
        Assert.Same(before, settings.Current);
        await using (var db = app.CreateDbContext())
            Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "settings.update"));

        await page.FillAsync("#setting-smtp-maxMessageSize input", "2048");
        await page.FillAsync("#setting-smtp-relayHosts input", "10.0.0.0/8");
        await page.ClickAsync("#save-settings");

        await Assertions.Expect(page.Locator("#setting-smtp-maxMessageSize input")).ToHaveValueAsync("2048");
        await Assertions.Expect(page.Locator("#setting-smtp-maxMessageSize")).ToContainTextAsync("set here");
        await Assertions.Expect(page.Locator("#setting-smtp-relayHosts")).Not.ToContainTextAsync("is not a network");
        Assert.Equal(2048, settings.Current.Smtp.MaxMessageSize);
        Assert.Equal(["10.0.0.0/8"], settings.Current.Smtp.RelayHosts);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Current.Delivery.RetryInterval);
        Assert.Empty(browser.Errors);
    }
}
