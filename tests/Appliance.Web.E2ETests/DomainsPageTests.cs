using System.Net;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

/// <summary>
/// The sending-domain pages in Chromium: add a domain, see the records to publish with working copy buttons and the
/// checks with their statuses, and rotate the DKIM key from the page, which moves the rotation timeline to step 2.
/// DNS goes to a closed loopback port, so the checks answer at once (with failures) and nothing leaves the machine.
/// </summary>
public sealed class DomainsPageTests
{
    private const string ApiKey = "e2e-domains-api-key-0123456789";

    [BrowserFact]
    public async Task Admin_adds_a_domain_copies_its_records_checks_dns_and_rotates_the_key()
    {
        using var app = Users.WithAdmin(new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:ApiKey"] = ApiKey,
            ["Appliance:Dns:Servers:0"] = "127.0.0.1:9",
            ["Appliance:Dns:Timeout"] = "00:00:00.200",
            ["Appliance:Dkim:RsaBits"] = "1024",
        });
        using (var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
            var created = await api.PostAsJsonAsync("/api/v1/tenants", new { name = "Shop" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = app.BaseUrl });
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/domains");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("#no-domains")).ToBeVisibleAsync();

        // Add (Shop and the built-in default tenant exist, so the admin picks one; default RSA keys): the page moves
        // to the new domain.
        await page.ClickAsync("#add-domain");
        await page.ClickAsync("#domain-tenant .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Shop" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.FillAsync("#domain-name input", "mail.shop.example");
        await page.ClickAsync("#save-domain");
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("mail.shop.example");
        await browser.GotoInteractiveAsync("/domains");
        await Assertions.Expect(page.Locator("#domains-table")).ToContainTextAsync("mail.shop.example");

        // The domain page: the records to publish, each with copy buttons that put the exact text on the clipboard.
        await page.Locator("#domains-table .domain-name a", new PageLocatorOptions { HasText = "mail.shop.example" }).ClickAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("mail.shop.example");
        var dkimRow = page.Locator("#records-table tr", new PageLocatorOptions { HasText = "._domainkey.mail.shop.example" });
        await Assertions.Expect(dkimRow).ToContainTextAsync("v=DKIM1; k=rsa; p=");
        var value = (await dkimRow.Locator(".record-value").TextContentAsync())!.Trim();
        await dkimRow.Locator(".copy-value").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Copied.");
        Assert.Equal(value, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await dkimRow.Locator(".copy-name").ClickAsync();
        // The copy runs through the Blazor circuit: wait for the clipboard to change rather than read it at once.
        var clipboard = "";
        for (var i = 0; i < 50 && !clipboard.EndsWith("._domainkey.mail.shop.example", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(100);
            clipboard = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        }
        Assert.EndsWith("._domainkey.mail.shop.example", clipboard, StringComparison.Ordinal);

        // Check now: every check gets a status (nothing is published, so DKIM cannot pass).
        await page.ClickAsync("#check-now");
        var checks = page.Locator("#checks-table tbody tr");
        await Assertions.Expect(checks.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        Assert.True(await checks.CountAsync() >= 6, $"only {await checks.CountAsync()} checks shown");
        var dkimCheck = page.Locator("#checks-table tbody tr", new PageLocatorOptions { HasText = "dkim" }).First;
        await Assertions.Expect(dkimCheck).Not.ToContainTextAsync("pass");

        // Rotate now: steps 1-2 (generate, show the record) done, step 3 (verify it is published) current; the next
        // selector's record is listed to publish.
        await Assertions.Expect(page.Locator("#rotation-phase")).ToHaveTextAsync("stable");
        await page.ClickAsync("#rotate-now");
        await Assertions.Expect(page.Locator("#rotation-phase")).Not.ToHaveTextAsync("stable");
        await Assertions.Expect(page.Locator(".rotation-step").Nth(0)).ToContainTextAsync("(done)");
        await Assertions.Expect(page.Locator(".rotation-step").Nth(1)).ToContainTextAsync("(done)");
        await Assertions.Expect(page.Locator(".rotation-step").Nth(2)).ToContainTextAsync("(current)");
        await Assertions.Expect(page.Locator("#rotation-phase")).ToHaveTextAsync("awaitingPublication");
        Assert.True(await page.Locator("#records-table tr", new PageLocatorOptions { HasText = "._domainkey." }).CountAsync() >= 2);
        await browser.ScreenshotAsync("domain-rotation");
        Assert.Empty(browser.Errors);
    }
}
