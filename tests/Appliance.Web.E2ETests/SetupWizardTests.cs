using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class SetupWizardTests
{
    [BrowserFact]
    public async Task Setup_with_the_token_from_the_data_folder_creates_the_admin_then_login_shows_the_dashboard()
    {
        using var app = new UiAppFactory();
        var tokenFile = Path.Combine(app.DataDir, "setup-token");
        Assert.True(File.Exists(tokenFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);

        // Unauthenticated visitors go to the wizard while no admin exists.
        await browser.Page.GotoAsync("/queues");
        Assert.EndsWith("/setup", new Uri(browser.Page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(browser.Page.Locator("#setup-token-error")).ToContainTextAsync("setup token is required");

        // A wrong token is rejected.
        await browser.Page.GotoAsync("/setup?token=wrong-token");
        await Assertions.Expect(browser.Page.Locator("#setup-token-error")).ToContainTextAsync("not valid");
        Assert.Equal(0, await browser.Page.Locator("#setup-submit").CountAsync());

        await browser.Page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        await browser.Page.FillAsync("#email", "admin@example.com");
        await browser.Page.FillAsync("#password", "Str0ng!Passw0rd");
        await browser.Page.FillAsync("#confirm", "Str0ng!Passw0rd");
        await browser.Page.FillAsync("#hostname", "mail.example.com");
        await browser.ScreenshotAsync("setup");
        await browser.Page.ClickAsync("#setup-submit");
        await Assertions.Expect(browser.Page.Locator("#setup-done")).ToBeVisibleAsync();
        Assert.False(File.Exists(tokenFile));

        await browser.LoginAsync("admin@example.com", "Str0ng!Passw0rd");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(browser.Page.Locator("#page-title")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(browser.Page.Locator("#current-user")).ToHaveTextAsync("admin@example.com");
        await browser.ScreenshotAsync("dashboard");

        // Dark mode toggle switches the theme's background.
        var light = await browser.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await browser.Page.ClickAsync("#dark-mode-toggle");
        await browser.Page.WaitForFunctionAsync($"getComputedStyle(document.body).backgroundColor !== '{light}'");
        await browser.ScreenshotAsync("dashboard-dark");

        // The wizard is gone once an admin exists, even with the old token.
        await browser.Page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        Assert.EndsWith("/account/login", new Uri(browser.Page.Url).AbsolutePath, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var admin = await users.FindByEmailAsync("admin@example.com");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, ApplianceRoles.Admin));
        await using var db = app.CreateDbContext();
        Assert.Equal("mail.example.com", (await db.Settings.SingleAsync(s => s.Key == SettingKeys.Hostname)).Value);
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "setup.complete" && a.Target == "admin@example.com");
        Assert.Empty(browser.Errors);
    }
}
