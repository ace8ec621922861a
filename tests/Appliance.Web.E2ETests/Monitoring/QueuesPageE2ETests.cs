using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Monitoring;

/// <summary>Queues page: a bulk action first shows how many messages it affects; cancelling changes nothing.</summary>
public sealed class QueuesPageE2ETests
{
    private const string ApiKey = "e2e-queues-admin-key-0123456789abcd";

    [BrowserFact]
    public async Task Suspend_shows_the_dry_run_count_and_only_confirming_suspends()
    {
        using var app = Users.WithAdmin(new Dictionary<string, string?> { ["Appliance:Bootstrap:ApiKey"] = ApiKey });
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        // A closed loopback port: every attempt is deferred, so the messages stay queued.
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "held.example", host = "127.0.0.1", port = 1, tls = "disabled" })).IsSuccessStatusCode);
        for (var i = 0; i < 2; i++)
        {
            var sent = await api.PostAsJsonAsync("/api/v1/messages", new { from = "a@shop.example", to = new[] { $"r{i}@held.example" }, subject = "s", text = "t", tenantId = "default" });
            Assert.True(sent.IsSuccessStatusCode);
        }

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/queues");
        await Assertions.Expect(page.Locator("#scheduled-queues")).ToContainTextAsync("held.example");
        // The refused connection puts the site on hold; the 5 s refresh shows it.
        await Assertions.Expect(page.Locator("#ready-queues")).ToContainTextAsync("held until", new() { Timeout = 20_000 });

        await page.FillAsync("input#filter-domain", "held.example");
        await page.ClickAsync("#action-suspend");
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("This will suspend 2 queued messages");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var summary = await api.GetFromJsonAsync<Summary>("/api/v1/queues");
        Assert.DoesNotContain(summary!.Scheduled, q => q.Suspended);

        await page.ClickAsync("#action-suspend");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Suspend 2" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scheduled-queues")).ToContainTextAsync("suspended");
        summary = await api.GetFromJsonAsync<Summary>("/api/v1/queues");
        Assert.Contains(summary!.Scheduled, q => q.Domain == "held.example" && q.Suspended);
        await browser.ScreenshotAsync("queues");
        Assert.Empty(browser.Errors);
    }

    private sealed record Summary(List<Scheduled> Scheduled);

    private sealed record Scheduled(string Domain, bool Suspended);
}
