using System.Net.Http.Json;
using Appliance.Web.Data;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Services;
using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>
/// Issue 16, "first hour of a new admin", in Chromium at 1280 px: the domain page's records are complete and right
/// before any check and the page fits; a saved webhook is listed and its secret shown once in a dialog; tenant
/// pickers start empty with two tenants; bounce rules are searchable; backoff rules are a validated form; a
/// delivered message shows its subject, from and to. DNS goes to a closed loopback port.
/// </summary>
public sealed class FirstHourE2ETests
{
    private const string NoHorizontalScroll = "document.documentElement.scrollWidth <= window.innerWidth";

    private static Dictionary<string, string?> ClosedDns() => new()
    {
        ["Appliance:Dns:Servers:0"] = "127.0.0.1:9",
        ["Appliance:Dns:Timeout"] = "00:00:00.200",
        ["Appliance:Dkim:RsaBits"] = "1024",
        ["Appliance:Hostname"] = "mta.e2e.example",
    };

    private static async Task<string> TenantAsync(UiAppFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync(name, null, TenantMessageLimits.Unlimited, "test");
        Assert.True(created.Succeeded, string.Join(" ", created.Messages));
        return created.Value!.Id;
    }

    [BrowserFact]
    public async Task Domain_page_lists_every_record_before_any_check_with_the_egress_addresses_and_fits_1280px()
    {
        using var app = Users.WithAdmin(ClosedDns());
        var tenant = await TenantAsync(app, "Shop");
        var created = await app.Services.GetRequiredService<DomainService>().CreateAsync(tenant, new CreateDomainRequest("shop.e2e.example", "rsa", null), "test");
        Assert.True(created.Succeeded, string.Join(" ", created.Messages));
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        Assert.Equal(1280, page.ViewportSize!.Width);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);

        // No egress source has an address: a warning, and the host's addresses instead of "v=spf1 -all".
        await browser.GotoInteractiveAsync("/domains/shop.e2e.example");
        var records = page.Locator("#records-table");
        var spf = records.Locator("tr", new() { HasText = "SPF of the return-path domain" });
        await Assertions.Expect(spf).ToContainTextAsync("v=spf1 ");
        Assert.NotEqual("v=spf1 -all", (await spf.Locator(".record-value").TextContentAsync())!.Trim());
        await Assertions.Expect(page.Locator(".advice-warning").First).ToContainTextAsync("no bind address");
        await Assertions.Expect(page.Locator("#last-check")).ToContainTextAsync("Not checked yet");

        // With an egress source of the tenant's pool: its address, no warning.
        var egress = app.Services.GetRequiredService<EgressService>();
        Assert.True((await egress.SaveSourceAsync(null, new("shop-ip", "127.0.0.2", null), true, "test")).Succeeded);
        Assert.True((await egress.SavePoolAsync(null, new("default", [new("shop-ip", 1)]), true, "test")).Succeeded);
        await browser.GotoInteractiveAsync("/domains/shop.e2e.example");
        await Assertions.Expect(spf.Locator(".record-value")).ToHaveTextAsync("v=spf1 ip4:127.0.0.2 -all");
        await Assertions.Expect(page.Locator(".advice-warning")).ToHaveCountAsync(0);

        // Every record is there before any check, with report addresses the appliance ingests, and a copy button.
        await Assertions.Expect(records.Locator("tr", new() { HasText = "_dmarc.shop.e2e.example" }))
            .ToContainTextAsync("rua=mailto:dmarc@bounces.shop.e2e.example");
        await Assertions.Expect(records.Locator("tr", new() { HasText = "_smtp._tls.shop.e2e.example" }))
            .ToContainTextAsync("v=TLSRPTv1; rua=mailto:tls-rpt@bounces.shop.e2e.example");
        // The row whose type is MX (HasText = "MX" also matched a DKIM row whose random key holds "mx" in any case).
        await Assertions.Expect(records.Locator("tbody tr", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*MX\s") }).First)
            .ToContainTextAsync("10 mta.e2e.example");
        await Assertions.Expect(records.Locator("tr", new() { HasText = "._domainkey.shop.e2e.example" })).ToContainTextAsync("v=DKIM1; k=rsa; p=");
        var rows = await records.Locator("tbody tr").CountAsync();
        Assert.True(rows >= 5, $"only {rows} records");
        Assert.Equal(rows, await records.Locator("tbody tr .copy-value").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>(NoHorizontalScroll), "the domain page scrolls horizontally at 1280 px before a check");

        // A check: still no horizontal scroll, the long DKIM key wraps in a column wider than 300 px.
        await page.ClickAsync("#check-now");
        await Assertions.Expect(page.Locator("#checks-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>(NoHorizontalScroll), "the domain page scrolls horizontally at 1280 px after a check");
        var dkimValue = await records.Locator("tr", new() { HasText = "._domainkey." }).Locator(".record-value").BoundingBoxAsync();
        Assert.True(dkimValue!.Width > 300, $"the DKIM value column is {dkimValue.Width} px wide");
        Assert.True(dkimValue.Height < 400, $"the DKIM value is {dkimValue.Height} px tall");
        await Assertions.Expect(page.Locator("#checks-table")).Not.ToContainTextAsync("dmarc-reports@");
        await Assertions.Expect(page.Locator("#checks-table")).Not.ToContainTextAsync("tls-reports@");

        // After a reload the last check, the badge and the history agree.
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#last-check")).ToContainTextAsync("Checked ");
        await Assertions.Expect(page.Locator("#checks-table tbody tr").First).ToBeVisibleAsync();
        var checkedAt = (await page.Locator("#last-check").TextContentAsync())!.Replace("Checked ", "", StringComparison.Ordinal).Trim();
        await Assertions.Expect(page.Locator("#history-table tbody tr").First).ToContainTextAsync(checkedAt);
        await Assertions.Expect(records.Locator("tr", new() { HasText = "_dmarc." }).Locator(".mud-chip")).Not.ToHaveCountAsync(0);
        await browser.ScreenshotAsync("domain-records");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Failing_checks_suggest_the_advised_records_and_the_checks_table_fits_1280px()
    {
        Assert.True(LoopbackDns.Available, "dnsmasq is required (apt-get install -y dnsmasq-base)");
        await using var dns = await LoopbackDns.StartAsync();
        var settings = ClosedDns();
        settings["Appliance:Dns:Servers:0"] = dns.Server;
        settings["Appliance:Dns:Timeout"] = "00:00:02";
        using var app = Users.WithAdmin(settings);
        var tenant = await TenantAsync(app, "Shop");
        Assert.True((await app.Services.GetRequiredService<DomainService>().CreateAsync(tenant, new CreateDomainRequest("shop.e2e.example", "rsa", null), "test")).Succeeded);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/domains/shop.e2e.example");

        // Nothing is published (NXDOMAIN): every check fails or warns with a record to publish.
        await page.ClickAsync("#check-now");
        var checks = page.Locator("#checks-table");
        await Assertions.Expect(checks.Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var dmarc = checks.Locator("tbody tr", new() { HasText = "dmarc" }).First;
        await Assertions.Expect(dmarc.Locator(".check-fix")).ToContainTextAsync("rua=mailto:dmarc@bounces.shop.e2e.example");
        await Assertions.Expect(checks.Locator("tbody tr", new() { HasText = "tls-rpt" }).Locator(".check-fix")).ToContainTextAsync("rua=mailto:tls-rpt@bounces.shop.e2e.example");
        var spfFix = checks.Locator("tbody tr", new() { HasText = "spf" }).First.Locator(".check-fix");
        await Assertions.Expect(spfFix).ToContainTextAsync("v=spf1 ");
        await Assertions.Expect(spfFix).Not.ToContainTextAsync("\"v=spf1 -all\"");
        await Assertions.Expect(checks.Locator("tbody tr", new() { HasText = "dkim:" }).First.Locator(".check-fix")).ToContainTextAsync("v=DKIM1; k=rsa; p=");

        // The long DKIM suggestion wraps: no horizontal scroll, and every copy button of "What to change" is on screen.
        Assert.True(await page.EvaluateAsync<bool>(NoHorizontalScroll), "the checks table scrolls horizontally at 1280 px");
        var buttons = checks.Locator(".copy-fix");
        Assert.True(await buttons.CountAsync() >= 4);
        for (var i = 0; i < await buttons.CountAsync(); i++)
        {
            var box = await buttons.Nth(i).BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 1280, $"copy button {i} ends at {box?.X + box?.Width} px");
        }
        await browser.ScreenshotAsync("domain-checks-failing");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Saving_a_webhook_lists_it_and_shows_the_secret_once_in_a_dialog()
    {
        using var app = Users.WithAdmin();
        await TenantAsync(app, "Alpha");
        var beta = await TenantAsync(app, "Beta");
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/webhooks");

        // Two tenants: none is chosen for the admin.
        await Assertions.Expect(page.Locator("#choose-tenant")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#new-webhook")).ToBeDisabledAsync();
        await page.ClickAsync("#webhook-tenant .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Beta" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();

        await page.ClickAsync("#new-webhook");
        await page.FillAsync("#webhook-url input", "https://hooks.e2e.example/mta");
        await page.ClickAsync("#save-webhook");
        var dialog = page.Locator("#webhook-secret-dialog");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        var secret = (await page.Locator("#webhook-secret").TextContentAsync())!.Trim();
        Assert.True(secret.Length >= 16, $"secret '{secret}'");
        await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("https://hooks.e2e.example/mta");
        await browser.ScreenshotAsync("webhook-secret");
        // The dialog stays until it is acknowledged (no close on backdrop click).
        await page.Mouse.ClickAsync(5, 5);
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        await page.ClickAsync("#ack-secret");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("https://hooks.e2e.example/mta");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContextAsync();
            var hook = Assert.Single(await db.Endpoints.ToListAsync());
            Assert.Equal(beta, hook.TenantId);
        }
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Add_domain_with_two_tenants_asks_for_the_tenant()
    {
        using var app = Users.WithAdmin(ClosedDns());
        await TenantAsync(app, "Alpha");
        var beta = await TenantAsync(app, "Beta");
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/domains");

        await page.ClickAsync("#add-domain");
        await page.FillAsync("#domain-name input", "news.beta.example");
        await page.ClickAsync("#save-domain");
        await Assertions.Expect(page.Locator("#domain-tenant")).ToContainTextAsync("Choose the tenant that owns this domain.");
        Assert.Empty(await app.Services.GetRequiredService<DomainService>().ListAsync(null));

        await page.ClickAsync("#domain-tenant .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Beta" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("#save-domain");
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("news.beta.example");
        var domain = Assert.Single(await app.Services.GetRequiredService<DomainService>().ListAsync(null));
        Assert.Equal(beta, domain.TenantId);
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Bounce_rules_are_searched_and_paged()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/bounce-rules");

        var rows = page.Locator("#rules-table tbody tr");
        await Assertions.Expect(page.Locator("#rules-count")).ToContainTextAsync(" rules");
        var all = int.Parse((await page.Locator("#rules-count").TextContentAsync())!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(all > 25, $"{all} rules");
        Assert.Equal(25, await rows.CountAsync());
        await Assertions.Expect(page.Locator("#rules-table .mud-table-pagination")).ToBeVisibleAsync();

        await page.FillAsync("#rules-search input", "mailbox full");
        await Assertions.Expect(page.Locator("#rules-count")).ToContainTextAsync($"of {all} rules match");
        var shown = await rows.CountAsync();
        Assert.InRange(shown, 1, 24);
        for (var i = 0; i < shown; i++) Assert.Contains("mailbox", (await rows.Nth(i).TextContentAsync())!, StringComparison.OrdinalIgnoreCase);

        await page.FillAsync("#rules-search input", "no-such-rule-anywhere");
        await Assertions.Expect(page.Locator("#no-rules")).ToBeVisibleAsync();
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Backoff_rules_are_a_form_that_says_what_is_missing()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/shaping");
        Assert.Equal(0, await page.Locator("#override-form textarea").CountAsync());

        await page.FillAsync("#override-name input", "slow-example");
        await page.FillAsync("#override-domains input", "slow.example");
        await page.ClickAsync("#add-backoff");
        await page.FillAsync(".backoff-name input", "rate-limited");
        await page.ClickAsync(".backoff-action");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "throttle" }).First.ClickAsync();
        await page.ClickAsync("#save-override");
        await Assertions.Expect(page.Locator(".backoff-pattern")).ToContainTextAsync("Give a regular expression");
        await Assertions.Expect(page.Locator(".backoff-rate")).ToContainTextAsync("Throttle needs a rate");
        await Assertions.Expect(page.Locator("#overrides-table")).Not.ToContainTextAsync("slow-example");

        // Fill and leave each field as a user does (MudTextField binds on change): the marks go once the server has
        // the values, and only then is the form saved.
        await page.FillAsync(".backoff-pattern input", "^421 .*rate");
        await page.PressAsync(".backoff-pattern input", "Tab");
        await page.FillAsync(".backoff-rate input", "30/min");
        await page.PressAsync(".backoff-rate input", "Tab");
        await Assertions.Expect(page.Locator(".backoff-pattern")).Not.ToContainTextAsync("Give a regular expression");
        await Assertions.Expect(page.Locator(".backoff-rate")).Not.ToContainTextAsync("Throttle needs a rate");
        await page.ClickAsync("#save-override");
        try
        {
            await Assertions.Expect(page.Locator("#overrides-table")).ToContainTextAsync("rate-limited");
        }
        catch (PlaywrightException e)
        {
            var form = await page.Locator("#override-form").InnerTextAsync();
            throw new Xunit.Sdk.XunitException($"The override was not listed after saving. Form: {form}\n{e.Message}");
        }
        await browser.ScreenshotAsync("backoff-form");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task A_delivered_message_shows_its_subject_from_and_to()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd and swaks are required");
        await using var sink = await SmtpSink.StartAsync();
        var relayPort = SmtpSink.FreePort();
        const string apiKey = "e2e-first-hour-admin-key-0123456789";
        using var app = Users.WithAdmin(new Dictionary<string, string?> { ["Appliance:Smtp:Relay"] = $"127.0.0.1:{relayPort}", ["Appliance:Bootstrap:ApiKey"] = apiKey });
        var tenant = await TenantAsync(app, "Shop");
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        const string password = "e2e-Secret-Passw0rd";
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{tenant}/smtp-credentials", new { username = "shop-app", password })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);

        var swaks = await SwaksRunner.RunAsync("--server", $"127.0.0.1:{relayPort}", "--tls", "--auth", "PLAIN", "--auth-user", "shop-app", "--auth-password", password,
            "--from", "orders@shop.example", "--to", "customer@e2e.example", "--header", "Subject: Your order 1042 has shipped",
            "--header", "From: Shop <orders@shop.example>", "--header", "To: Customer <customer@e2e.example>");
        Assert.True(swaks.ExitCode == 0, swaks.Output);
        var id = System.Text.RegularExpressions.Regex.Match(swaks.Output, @"queued as (\S+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(id), swaks.Output);

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/messages/" + id);
        for (var i = 0; i < 60 && (await page.Locator("#message-status").TextContentAsync()) != "delivered"; i++)
        {
            await Task.Delay(500);
            await page.ClickAsync("#message-refresh");
        }
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("delivered");
        await Assertions.Expect(page.Locator("#message-subject")).ToHaveTextAsync("Your order 1042 has shipped");
        await Assertions.Expect(page.Locator("#message-from")).ToHaveTextAsync("Shop <orders@shop.example>");
        await Assertions.Expect(page.Locator("#message-to")).ToHaveTextAsync("Customer <customer@e2e.example>");
        await Assertions.Expect(page.Locator("#message-size")).ToContainTextAsync("bytes");
        await Assertions.Expect(page.Locator("#message-tls")).ToContainTextAsync("received: TLS");
        await Assertions.Expect(page.Locator("#reception-headers")).ToContainTextAsync("Received");
        Assert.True(await page.EvaluateAsync<bool>(NoHorizontalScroll));
        await browser.ScreenshotAsync("message-headers");
        Assert.Empty(browser.Errors);
    }
}
