using Appliance.Web.Data;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class RoleAndLockoutTests
{
    [BrowserFact]
    public async Task Viewer_sees_no_users_page_cannot_change_tenants_and_is_refused_by_the_api()
    {
        using var app = Users.WithAdmin();
        await Users.CreateAsync(app, "viewer@example.com", ApplianceRoles.Viewer);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync("viewer@example.com", Users.Password);
        await browser.WaitForCircuitAsync();

        // No Users entry in the navigation, and opening the page directly is denied.
        Assert.Equal(0, await page.Locator("a[href='users']").CountAsync());
        await page.GotoAsync("/users");
        Assert.EndsWith("/account/access-denied", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#users-table").CountAsync());

        // Tenants are visible read-only: no create, edit or credential buttons.
        await browser.GotoInteractiveAsync("/tenants");
        await Assertions.Expect(page.Locator("#tenants-table")).ToContainTextAsync("default");
        Assert.Equal(0, await page.Locator("#new-tenant").CountAsync());
        Assert.Equal(0, await page.Locator(".edit-tenant").CountAsync());
        await page.Locator(".manage-tenant").First.ClickAsync();
        await Assertions.Expect(page.Locator("#credentials-panel")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#create-credential").CountAsync());
        await browser.ScreenshotAsync("viewer-tenants");

        // The UI session is not an API credential: API writes with the viewer's cookie are refused.
        var response = await page.APIRequest.PostAsync("/api/v1/tenants", new APIRequestContextOptions { DataObject = new { name = "Sneaky" } });
        Assert.Equal(401, response.Status);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == "Sneaky"));
    }

    [BrowserFact]
    public async Task Five_wrong_passwords_lock_the_account_from_that_address_even_for_the_right_password()
    {
        // Eleven posts from one address: over the default rate limit of 10 a minute, which is not under test here.
        using var app = Users.WithAdmin(new() { ["Appliance:Login:PostsPerMinute"] = "0" });
        await Users.CreateAsync(app, "operator@example.com", ApplianceRoles.Operator);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;

        for (var i = 1; i <= 4; i++)
        {
            await browser.LoginAsync("operator@example.com", $"wrong-{i}");
            await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(LoginMessages.Invalid);
        }
        await browser.LoginAsync("operator@example.com", "wrong-5");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("locked");

        await browser.LoginAsync("operator@example.com", Users.Password);
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("locked");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await browser.ScreenshotAsync("locked");

        // An account that does not exist reads the same, message for message.
        for (var i = 1; i <= 4; i++)
        {
            await browser.LoginAsync("nobody@example.com", $"wrong-{i}");
            await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(LoginMessages.Invalid);
        }
        await browser.LoginAsync("nobody@example.com", "wrong-5");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(LoginMessages.Throttled(TimeSpan.FromMinutes(15)));

        // The lock is per (account, address) and in memory: the account itself is not locked in Identity, so a
        // stranger's guesses do not lock the user out from their own address.
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = await users.FindByEmailAsync("operator@example.com");
        Assert.False(await users.IsLockedOutAsync(user!));
    }
}
