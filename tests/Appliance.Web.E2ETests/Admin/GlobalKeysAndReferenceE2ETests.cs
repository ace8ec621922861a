using System.Net;
using System.Net.Http.Headers;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>Issue 16: global API keys from the UI, and the browsable API reference behind the panel's login.</summary>
public sealed class GlobalKeysAndReferenceE2ETests
{
    [BrowserFact]
    public async Task Admin_creates_a_global_key_with_a_role_shown_once_that_reaches_appliance_wide_endpoints()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/api-keys");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("API keys");

        await page.FillAsync("#api-key-name input", "automation");
        await page.ClickAsync("#api-key-role .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "admin" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#api-key-role input")).ToHaveValueAsync("admin");
        await page.ClickAsync("#create-api-key");
        var shown = page.Locator("#generated-api-key");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var key = (await shown.TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator("#api-keys-table")).ToContainTextAsync("automation");
        await Assertions.Expect(page.Locator("#api-keys-table .api-key-role")).ToContainTextAsync("admin");

        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // /api/v1/users answered 403 to every key the UI could create before.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/users")).StatusCode);

        // Shown once: after a reload only the prefix is left.
        await browser.GotoInteractiveAsync("/api-keys");
        Assert.Equal(0, await page.Locator("#generated-api-key").CountAsync());
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        await page.Locator("#api-keys-table tr", new PageLocatorOptions { HasText = "automation" }).Locator(".revoke-api-key").ClickAsync();
        await Assertions.Expect(page.Locator("#no-api-keys")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/users")).StatusCode);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task The_api_reference_needs_a_login_then_renders_the_documented_operations()
    {
        using var app = Users.WithAdmin();
        // Under the real Content-Security-Policy, as a user's browser sees it.
        await using var browser = await Browser.LaunchAsync(app.BaseUrl, enforceCsp: true);
        var page = browser.Page;
        var external = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) external.Add(r.Url); };

        await page.GotoAsync("/api-reference");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.WaitForCircuitAsync();
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal) && r.Status == 200);
        await page.GotoAsync("/api-reference");
        await document;
        // Scalar renders the document client-side: its title and the tags from /openapi/v1.json.
        await Assertions.Expect(page.GetByText("Appliance API").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Bounce rules").First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByText("Listeners and TLS").First).ToBeAttachedAsync();
        await browser.ScreenshotAsync("api-reference");
        Assert.True(external.Count == 0, "requests to other origins: " + string.Join(", ", external));
        Assert.DoesNotContain(browser.Errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
