using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;
using OtpNet;

namespace Appliance.Web.E2ETests;

public sealed class TwoFactorTests
{
    [BrowserFact]
    public async Task Enabling_totp_shows_a_qr_code_and_recovery_codes_and_the_next_login_asks_for_a_code()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/account/two-factor");

        await Assertions.Expect(page.Locator("#qr-code")).ToBeVisibleAsync();
        Assert.StartsWith("data:image/svg+xml;base64,", await page.Locator("#qr-code").GetAttributeAsync("src"), StringComparison.Ordinal);
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));

        // A wrong code is refused.
        await page.FillAsync("#verification-code input", "000000" == totp.ComputeTotp() ? "111111" : "000000");
        await page.ClickAsync("#verify-2fa");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("not valid");

        await page.FillAsync("#verification-code input", totp.ComputeTotp());
        await page.ClickAsync("#verify-2fa");
        await Assertions.Expect(page.Locator("#recovery-codes")).ToBeVisibleAsync();
        var codes = (await page.Locator("#recovery-codes").TextContentAsync())!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Length);
        await browser.ScreenshotAsync("two-factor");

        // "I saved them" reissues the cookie (new security stamp) and keeps the session.
        await page.ClickAsync("#two-factor-done");
        await page.WaitForURLAsync("**/account");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#two-factor-status")).ToContainTextAsync("Enabled");

        // Log out; the next login needs the password and then a code.
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/account/login**");
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await page.WaitForURLAsync("**/account/login-2fa**");
        await page.FillAsync("#code", "123456" == totp.ComputeTotp() ? "654321" : "123456");
        await page.ClickAsync("#code-submit");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("The code is not valid.");

        // The next time step's code (Identity accepts a small clock drift) and not a reused one.
        await page.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.ClickAsync("#code-submit");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync(Users.AdminEmail);
    }
}
