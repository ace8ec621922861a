using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

/// <summary>The admin UI works under the Content-Security-Policy the host sends, without a single violation.</summary>
public sealed class ContentSecurityPolicyTests
{
    // Every document records its CSP violations (the browser also logs them as console errors, which Browser collects).
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
        """;

    [BrowserFact]
    public async Task Admin_logs_in_navigates_and_clicks_under_the_csp_without_violations()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl, enforceCsp: true);
        await browser.Context.AddInitScriptAsync(RecordViolations);
        var page = browser.Page;

        var loginPage = await page.GotoAsync("/account/login");
        var csp = await loginPage!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        await AssertNoViolationsAsync(browser, "login page");

        await page.FillAsync("#email", Users.AdminEmail);
        await page.FillAsync("#password", Users.Password);
        await page.ClickAsync("#login-submit");
        await browser.WaitForCircuitAsync(); // blazor.web.js ran and the circuit's WebSocket is up
        await AssertNoViolationsAsync(browser, "dashboard");

        // Navigate inside the circuit (a nav link), then a click that does something: the tenant form opens and validates.
        // (The Tenants group of the navigation opens first: only the current page's group starts open.)
        await page.Locator("#nav-group-tenants button, #nav-group-tenants .mud-nav-link").First.ClickAsync();
        await page.Locator("a[href='tenants']").First.ClickAsync();
        await page.WaitForURLAsync("**/tenants");
        await page.ClickAsync("#new-tenant");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenant-form .form-error")).ToContainTextAsync("The name is required.");
        await browser.ScreenshotAsync("csp-tenants");

        // A full page load of an interactive page (import map, MudBlazor script and styles) is clean too.
        await browser.GotoInteractiveAsync("/users");
        await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync(Users.AdminEmail);
        await AssertNoViolationsAsync(browser, "users");
        Assert.Empty(browser.Errors);
    }

    private static async Task AssertNoViolationsAsync(Browser browser, string where)
    {
        var violations = await browser.Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.True(violations.Length == 0, $"CSP violations on {where}: {string.Join("; ", violations)}");
        Assert.DoesNotContain(browser.Errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
