using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>
/// The issue's end-to-end list as one chain in one appliance: (1) setup wizard with the token, then log in;
/// (2) create a tenant and an SMTP credential in the UI; (3) swaks sends with that credential; (4) Messages finds the
/// message with its delivery event; (5) the dashboard counter moves. The other E2E tests cover each step in depth.
/// </summary>
public sealed class IssueWalkthroughE2ETests
{
    private const string ApiKey = "e2e-walkthrough-admin-key-0123456789";

    [BrowserFact]
    public async Task Wizard_then_ui_tenant_and_credential_then_swaks_then_messages_and_dashboard()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd and swaks are required");
        await using var sink = await SmtpSink.StartAsync();
        var relayPort = SmtpSink.FreePort();
        using var app = new UiAppFactory(new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:ApiKey"] = ApiKey, // for the smart-host route only; no admin user, so the wizard runs
            ["Appliance:Smtp:Relay"] = $"127.0.0.1:{relayPort}",
        });
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;

        // 1. Wizard with the token from the data folder, then log in.
        var token = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, "setup-token"))).Trim();
        await page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        await page.FillAsync("#email", Users.AdminEmail);
        await page.FillAsync("#password", Users.Password);
        await page.FillAsync("#confirm", Users.Password);
        await page.FillAsync("#hostname", "mail.example.com");
        await page.ClickAsync("#setup-submit");
        await Assertions.Expect(page.Locator("#setup-done")).ToBeVisibleAsync();
        await browser.LoginAsync(Users.AdminEmail, Users.Password);

        // 2. Tenant and SMTP credential in the UI; the password is read from the page where it is shown once.
        await browser.GotoInteractiveAsync("/tenants");
        await page.ClickAsync("#new-tenant");
        await page.FillAsync("#tenant-name input", "Walk Shop");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#credentials-panel")).ToContainTextAsync("SMTP credentials of Walk Shop");
        await page.FillAsync("#credential-username input", "walk-app");
        await page.ClickAsync("#create-credential");
        var password = (await page.Locator("#generated-password").TextContentAsync())!.Trim();

        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);

        await browser.GotoInteractiveAsync("/");
        await Assertions.Expect(page.Locator("#total-delivered")).ToHaveTextAsync("0");

        // 3. swaks with the UI-made credential.
        var swaks = await SwaksRunner.RunAsync("--server", $"127.0.0.1:{relayPort}", "--tls", "--auth", "PLAIN", "--auth-user", "walk-app", "--auth-password", password,
            "--from", "orders@walk.example", "--to", "buyer@walk.example", "--header", "Subject: walkthrough");
        Assert.True(swaks.ExitCode == 0, swaks.Output);

        // 5. The dashboard counter moves without a reload.
        await Assertions.Expect(page.Locator("#total-delivered")).ToHaveTextAsync("1", new() { Timeout = 30_000 });

        // 4. Messages finds it with its delivery event and the tenant.
        await browser.GotoInteractiveAsync("/messages");
        await page.FillAsync("input#search-recipient", "buyer@walk.example");
        await page.ClickAsync("#search-submit");
        var results = page.Locator("#search-results");
        await Assertions.Expect(results.Locator(".event-type", new() { HasTextString = "Delivery" })).ToBeVisibleAsync();
        await Assertions.Expect(results).ToContainTextAsync("walk-shop");
        Assert.Empty(browser.Errors);
    }
}
