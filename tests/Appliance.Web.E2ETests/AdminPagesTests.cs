using Appliance.Web.Data;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class AdminPagesTests
{
    [BrowserFact]
    public async Task Admin_adds_and_locks_a_user_sees_it_in_the_audit_log_and_changes_own_password()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/users");

        // Validation: a bad e-mail is explained, nothing is created.
        await page.FillAsync("#user-email input", "nobody");
        await page.FillAsync("#user-password input", Users.Password);
        await page.ClickAsync("#create-user");
        await Assertions.Expect(page.Locator("#user-form .form-error")).ToContainTextAsync("valid e-mail");

        await page.FillAsync("#user-email input", "viewer2@example.com");
        await page.FillAsync("#user-password input", Users.Password);
        await page.ClickAsync("#create-user");
        var row = page.Locator("#users-table tr", new PageLocatorOptions { HasText = "viewer2@example.com" });
        await Assertions.Expect(row).ToContainTextAsync("active");
        await row.Locator(".lock-user").ClickAsync();
        await Assertions.Expect(row.Locator(".user-status")).ToHaveTextAsync("locked");
        await browser.ScreenshotAsync("users");

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var created = await users.FindByEmailAsync("viewer2@example.com");
            Assert.True(await users.IsInRoleAsync(created!, ApplianceRoles.Viewer));
            Assert.True(await users.IsLockedOutAsync(created!));
        }

        await browser.GotoInteractiveAsync("/audit");
        await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("user.lock");
        await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("user.create");
        await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("user:" + Users.AdminEmail);
        await browser.ScreenshotAsync("audit");

        // Password change: a wrong current password is refused; the new one works after logging out.
        await browser.GotoInteractiveAsync("/account");
        await page.FillAsync("#current-password input", "wrong-password");
        await page.FillAsync("#new-password input", "N3w!Passw0rd-2");
        await page.FillAsync("#confirm-password input", "N3w!Passw0rd-2");
        await page.ClickAsync("#change-password-submit");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("Incorrect password");
        await page.FillAsync("#current-password input", Users.Password);
        await page.ClickAsync("#change-password-submit");
        await page.WaitForURLAsync("**/account?changed=password");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#password-changed")).ToBeVisibleAsync();
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/account/login**");
        await browser.LoginAsync(Users.AdminEmail, "N3w!Passw0rd-2");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync(Users.AdminEmail);
        Assert.Empty(browser.Errors);
    }
}
