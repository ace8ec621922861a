using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Monitoring;

/// <summary>
/// A real SMTP round trip: swaks submits on the relay listener with a credential created through the API, the
/// engine delivers through a smart-host route to aiosmtpd; the dashboard counter moves without a reload and
/// Messages finds the message with its Delivery event.
/// </summary>
public sealed class MonitoringE2ETests
{
    private const string ApiKey = "e2e-monitoring-admin-key-0123456789";

    [BrowserFact]
    public async Task Swaks_message_moves_the_dashboard_and_shows_its_delivery_in_messages()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd and swaks are required");
        await using var sink = await SmtpSink.StartAsync();
        var relayPort = SmtpSink.FreePort();
        using var app = Users.WithAdmin(new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:ApiKey"] = ApiKey,
            ["Appliance:Smtp:Relay"] = $"127.0.0.1:{relayPort}",
        });
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var tenant = (await (await api.PostAsJsonAsync("/api/v1/tenants", new { name = "E2E Shop" })).Content.ReadFromJsonAsync<TenantDto>())!.Id;
        const string password = "e2e-Secret-Passw0rd";
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{tenant}/smtp-credentials", new { username = "shop-app", password })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/");
        await Assertions.Expect(page.Locator("#dashboard-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#total-delivered")).ToHaveTextAsync("0");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var swaks = await SwaksRunner.RunAsync("--server", $"127.0.0.1:{relayPort}", "--tls", "--auth", "PLAIN", "--auth-user", "shop-app", "--auth-password", password,
            "--from", "orders@shop.example", "--to", "customer@e2e.example", "--header", "Subject: E2E monitoring");
        Assert.True(swaks.ExitCode == 0, swaks.Output);

        // The 2 s refresh moves the counters in the same document: no reload happened.
        await Assertions.Expect(page.Locator("#total-delivered")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#total-accepted")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await browser.ScreenshotAsync("dashboard");

        await browser.GotoInteractiveAsync("/messages");
        await page.FillAsync("input#search-recipient", "customer@e2e.example");
        await page.ClickAsync("#search-submit");
        var results = page.Locator("#search-results");
        await Assertions.Expect(results.Locator(".event-type", new() { HasTextString = "Delivery" })).ToBeVisibleAsync();
        await Assertions.Expect(results).ToContainTextAsync(tenant);
        await browser.ScreenshotAsync("messages");

        await results.Locator(".message-link").First.ClickAsync();
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("delivered");
        var timeline = page.Locator("#message-timeline");
        await Assertions.Expect(timeline.Locator(".event-type").First).ToHaveTextAsync("Reception");
        await Assertions.Expect(timeline).ToContainTextAsync("Delivery");
        await Assertions.Expect(timeline).ToContainTextAsync("250");
        await browser.ScreenshotAsync("message-detail");
        Assert.Empty(browser.Errors);
    }

    private sealed record TenantDto(string Id);
}
