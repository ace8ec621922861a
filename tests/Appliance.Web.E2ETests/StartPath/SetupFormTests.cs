using Appliance.Mta.Configuration;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.StartPath;

/// <summary>The setup wizard's form (issue 16): the hostname is prefilled, and every problem is shown at once.</summary>
public sealed class SetupFormTests
{
    [BrowserFact]
    public async Task The_hostname_is_prefilled_and_a_short_password_with_no_hostname_shows_both_errors()
    {
        using var app = new UiAppFactory();
        var token = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, "setup-token"))).Trim();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        var current = app.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Hostname;
        Assert.False(string.IsNullOrEmpty(current));
        await Assertions.Expect(page.Locator("#hostname")).ToHaveValueAsync(current);

        await page.FillAsync("#email", Users.AdminEmail);
        await page.FillAsync("#password", "short");
        await page.FillAsync("#confirm", "short");
        await page.FillAsync("#hostname", "");
        await page.ClickAsync("#setup-submit");
        var errors = page.Locator(".setup-error");
        await Assertions.Expect(errors.Filter(new LocatorFilterOptions { HasText = "hostname" })).ToHaveCountAsync(1);
        await Assertions.Expect(errors.Filter(new LocatorFilterOptions { HasText = "at least 8" })).ToHaveCountAsync(1);
        Assert.True(File.Exists(Path.Combine(app.DataDir, "setup-token")));
    }
}
