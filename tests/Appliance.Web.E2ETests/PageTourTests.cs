using System.Text.RegularExpressions;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

/// <summary>
/// Every main page at 1400×900 as an admin: it renders interactively, fits the window without a horizontal
/// scroll bar, shows dates only in ISO form (no "12/06/2026"), and the whole navigation, Account included, is visible
/// without scrolling. A screenshot of each page is saved as a test artifact (<c>E2E_SCREENSHOTS</c>, or
/// <c>TestResults/screenshots</c> at the repository root) so a reviewer can look without starting anything.
/// </summary>
public sealed partial class PageTourTests
{
    private static readonly string[] Pages =
    [
        "/", "/queues", "/messages", "/tenants", "/domains", "/reports", "/routes", "/webhooks", "/suppressions",
        "/bounce-rules", "/pools", "/shaping", "/warmup", "/users", "/audit", "/api-keys", "/settings", "/listeners", "/system-webhooks", "/account",
    ];

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{4}\b")]
    private static partial Regex CultureDate();

    [BrowserFact]
    public async Task Every_main_page_fits_1400x900_with_iso_dates_and_a_screenshot()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl, width: 1400, height: 900);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        var dir = ScreenshotFolder();
        var problems = new List<string>();

        foreach (var path in Pages)
        {
            await browser.GotoInteractiveAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var name = path == "/" ? "dashboard" : path.Trim('/').Replace('/', '-');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0) problems.Add($"{path}: {overflow} px wider than the window");
            var text = await page.InnerTextAsync("body");
            if (CultureDate().Match(text) is { Success: true } m) problems.Add($"{path}: culture date '{m.Value}'");
            var account = await page.Locator("#nav-menu a[href='account']").BoundingBoxAsync();
            if (account is null || account.Y + account.Height > 900) problems.Add($"{path}: Account is below the fold ({account?.Y})");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(Pages.Length, Directory.GetFiles(dir, "*.png").Select(Path.GetFileNameWithoutExtension)
            .Intersect(Pages.Select(p => p == "/" ? "dashboard" : p.Trim('/'))).Count());
    }

    [BrowserFact]
    public async Task Navigation_groups_open_on_the_current_page_and_fold()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl, width: 1400, height: 900);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/shaping");

        // The Delivery group holds the current page and is open; Tenants is folded until clicked.
        await Assertions.Expect(page.Locator("#nav-menu a[href='shaping']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-menu a[href='domains']")).ToBeHiddenAsync();
        await page.Locator("#nav-group-tenants button, #nav-group-tenants .mud-nav-link").First.ClickAsync();
        await Assertions.Expect(page.Locator("#nav-menu a[href='domains']")).ToBeVisibleAsync();
        await page.Locator("#nav-menu a[href='domains']").ClickAsync();
        await page.WaitForURLAsync("**/domains");
        await Assertions.Expect(page.Locator("#nav-menu a[href='account']")).ToBeInViewportAsync();
    }

    private static string ScreenshotFolder()
    {
        var dir = Environment.GetEnvironmentVariable("E2E_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Appliance.sln"))) root = root.Parent;
            dir = Path.Combine(root?.FullName ?? Path.GetTempPath(), "TestResults", "screenshots");
        }
        Directory.CreateDirectory(dir);
        return dir;
    }
}
