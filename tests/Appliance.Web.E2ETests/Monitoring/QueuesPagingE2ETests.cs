using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Monitoring;

/// <summary>Queues page: the scheduled queue list is paged, searched and filtered on the server (MudTable ServerData).</summary>
public sealed class QueuesPagingE2ETests
{
    private const string ApiKey = "e2e-queues-paging-key-0123456789abcd";
    private const int Domains = 30;

    [BrowserFact]
    public async Task Paging_and_search_show_the_right_scheduled_queues()
    {
        using var app = Users.WithAdmin(new Dictionary<string, string?> { ["Appliance:Bootstrap:ApiKey"] = ApiKey });
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        // A smart host on a closed loopback port: every attempt is deferred, so every queue stays.
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = 1, tls = "disabled" })).IsSuccessStatusCode);
        for (var i = 0; i < Domains; i++)
        {
            var sent = await api.PostAsJsonAsync("/api/v1/messages", new { from = "a@shop.example", to = new[] { $"r@d{i:00}.paged.example" }, subject = "s", text = "t", tenantId = "default" });
            Assert.True(sent.IsSuccessStatusCode);
        }

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/queues");
        var table = page.Locator("#scheduled-queues");
        var domains = table.Locator("tbody tr td.queue-domain");

        // First page: 25 of 30, ordered by queue name.
        await Assertions.Expect(domains).ToHaveCountAsync(25);
        await Assertions.Expect(domains.First).ToHaveTextAsync("d00.paged.example");
        await Assertions.Expect(domains.Last).ToHaveTextAsync("d24.paged.example");
        await Assertions.Expect(table).ToContainTextAsync("1-25 of 30");
        await Assertions.Expect(page.Locator("#queue-total")).ToHaveTextAsync("30 messages queued");

        await table.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(domains).ToHaveTextAsync(Enumerable.Range(25, 5).Select(i => $"d{i}.paged.example").ToArray());
        await Assertions.Expect(table).ToContainTextAsync("26-30 of 30");

        // The search runs on the server and starts again at the first page.
        var search = page.Locator("#scheduled-search");
        await search.FillAsync("d1");
        await search.PressAsync("Enter");
        await Assertions.Expect(domains).ToHaveTextAsync(Enumerable.Range(10, 10).Select(i => $"d{i}.paged.example").ToArray());
        await Assertions.Expect(table).ToContainTextAsync("1-10 of 10");

        await search.FillAsync("nothing-matches");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#scheduled-empty")).ToContainTextAsync("No scheduled queue matches the search.");
        await browser.ScreenshotAsync("queues-paging");
        Assert.Empty(browser.Errors);
    }
}
