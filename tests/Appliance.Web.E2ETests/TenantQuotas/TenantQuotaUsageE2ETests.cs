using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.TenantQuotas;

/// <summary>
/// Issue 20 in the published Production host and Chromium: an admin sets a tenant's quotas on the Tenants page (a bad
/// combination gets a validation message and changes nothing), and the tenant's usage panel shows the chart of the
/// metered mail and a CSV download link that answers the day's counts with the admin's cookie (and nothing without).
/// </summary>
public sealed class TenantQuotaUsageE2ETests(PublishedHost host) : IClassFixture<PublishedHost>
{
    [BrowserFact]
    public async Task Admin_sets_quotas_with_validation_and_the_usage_panel_shows_the_chart_and_a_working_csv_link()
    {
        await using var browser = await Browser.LaunchAsync(host.BaseUrl);
        var page = browser.Page;
        var token = (await File.ReadAllTextAsync(Path.Combine(host.DataDir, "setup-token"))).Trim();
        await page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        await page.FillAsync("#email", Users.AdminEmail);
        await page.FillAsync("#password", Users.Password);
        await page.FillAsync("#confirm", Users.Password);
        await page.FillAsync("#hostname", "mail.example.com");
        await page.ClickAsync("#setup-submit");
        await Assertions.Expect(page.Locator("#setup-done")).ToBeVisibleAsync();
        await browser.LoginAsync(Users.AdminEmail, Users.Password);

        await browser.GotoInteractiveAsync("/tenants");
        await page.ClickAsync("#new-tenant");
        await page.FillAsync("#tenant-name input", "Quota Co");
        await page.ClickAsync("#save-tenant");
        var row = page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "quota-co" });
        await Assertions.Expect(row).ToBeVisibleAsync();

        // A bad value: an hourly quota above the daily one is refused with a message naming both; nothing is stored.
        await row.Locator(".edit-tenant").ClickAsync();
        await page.FillAsync("#tenant-hourly-limit input", "100");
        await page.FillAsync("#tenant-daily-limit input", "10");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenant-form .form-error")).ToContainTextAsync("The hourly limit (100) cannot be above the daily limit (10).");
        await Assertions.Expect(row.Locator(".tenant-hour-usage")).ToHaveTextAsync("0 / ∞");

        await page.FillAsync("#tenant-daily-limit input", "500");
        await page.FillAsync("#tenant-monthly-limit input", "1000");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenant-form")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator(".tenant-hour-usage")).ToHaveTextAsync("0 / 100");
        await Assertions.Expect(row.Locator(".tenant-day-usage")).ToHaveTextAsync("0 / 500");

        // Mail for the tenant, injected with a key created in the panel: 2 messages, 3 recipients.
        await row.Locator(".manage-tenant").ClickAsync();
        await page.FillAsync("#api-key-name input", "usage-test");
        await page.ClickAsync("#create-api-key");
        var key = (await page.Locator("#generated-api-key").TextContentAsync())!.Trim();
        using (var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            foreach (var to in new[] { new[] { "a@example.net", "b@example.net" }, ["c@example.net"] })
            {
                var sent = await api.PostAsJsonAsync("/api/v1/messages", new { tenantId = "quota-co", from = "news@quota.example", to, subject = "usage", text = "hello" });
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            }
        }

        await browser.GotoInteractiveAsync("/tenants");
        await row.Locator(".manage-tenant").ClickAsync();
        var usage = page.Locator("#tenant-usage");
        await Assertions.Expect(usage).ToContainTextAsync("Usage of Quota Co");
        await Assertions.Expect(page.Locator("#tenant-quota-usage")).ToContainTextAsync("Month: 2 / 1000 messages");
        // The totals are the tenant's whole traffic: the 3 injected recipients, plus the DSN of each message whose
        // recipients bounced meanwhile (null sender, metered under the tenant in the "" domain row): 3 to 5. The CSV
        // row of the sending domain below is exactly 3.
        await Assertions.Expect(page.Locator("#tenant-usage-totals")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Last 30 days: [345] accepted"));
        // The chart: MudBlazor's SVG bar chart with one bar group per day of the 30.
        await Assertions.Expect(usage.Locator(".mud-chart svg")).ToBeVisibleAsync();
        Assert.True(await usage.Locator(".mud-chart svg rect, .mud-chart svg path").CountAsync() > 0, "the chart draws bars");
        await Assertions.Expect(row.Locator(".tenant-hour-usage")).ToHaveTextAsync("2 / 100");
        await browser.ScreenshotAsync("tenant-usage");

        // The CSV link (opened in a new tab, so Blazor's router leaves it alone) answers with the browser's cookie: today's
        // row for the sending domain, 3 accepted, as an attachment.
        var link = page.Locator("#tenant-usage-csv");
        var href = await link.GetAttributeAsync("href");
        Assert.Equal("/tenants/quota-co/usage.csv", href);
        var download = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.StartsWith("text/csv", download.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("attachment", download.Headers["content-disposition"], StringComparison.Ordinal);
        var lines = (await download.TextAsync()).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,domain,accepted,delivered,deferred,bouncedHard,bouncedSoft,complained,unsubscribed,bytesIn,bytesOut", lines[0]);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = Assert.Single(lines, l => l.StartsWith(today + ",quota.example,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("3", fields[2]);
        // Without the cookie: no CSV.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        var refused = await anonymous.GetAsync(href);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Empty(browser.Errors);
    }
}
