using Appliance.Mta.Egress;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class PoolsPageTests
{
    [BrowserFact]
    public async Task Admin_creates_a_source_and_a_pool_and_sees_the_message_for_a_bad_ip()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/pools");
        await Assertions.Expect(page.Locator("#no-sources")).ToBeVisibleAsync();

        await page.ClickAsync("#new-source");
        await page.FillAsync("#source-name input", "out-1");
        await page.FillAsync("#source-ip input", "127.0.2");
        await page.FillAsync("#source-ehlo input", "out-1.example.net");
        await page.ClickAsync("#save-source");
        await Assertions.Expect(page.Locator("#source-form .form-error")).ToContainTextAsync("'127.0.2' is not an IP address literal");
        var engine = app.Services.GetRequiredService<EgressConfiguration>();
        Assert.Null(engine.Source("out-1"));

        await page.FillAsync("#source-ip input", "127.0.0.2");
        await page.ClickAsync("#save-source");
        await Assertions.Expect(page.Locator("#sources-table")).ToContainTextAsync("127.0.0.2");
        Assert.Equal("127.0.0.2", engine.Source("out-1")!.BindAddress!.ToString());

        await page.ClickAsync("#new-pool");
        await page.FillAsync("#pool-name input", "marketing-pool");
        await page.FillAsync("#pool-members input", "out-1:3, ghost");
        await page.ClickAsync("#save-pool");
        await Assertions.Expect(page.Locator("#pool-form .form-error")).ToContainTextAsync("unknown egress source 'ghost'");

        await page.FillAsync("#pool-members input", "out-1:3");
        await page.ClickAsync("#save-pool");
        await Assertions.Expect(page.Locator("#pools-table")).ToContainTextAsync("out-1:3");
        await Assertions.Expect(page.Locator("#live-plan")).ToContainTextAsync("marketing-pool: out-1 ×3");
        Assert.Contains(engine.Plan.Pools, p => p.Name == "marketing-pool" && p.Members.Single().Weight == 3);
        await browser.ScreenshotAsync("pools");

        await browser.GotoInteractiveAsync("/shaping");
        await Assertions.Expect(page.Locator("#provider-rules")).ToContainTextAsync("gmail");
        await browser.GotoInteractiveAsync("/warmup");
        await Assertions.Expect(page.Locator("#plans-table")).ToContainTextAsync("8-week");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Admin_attaches_a_warmup_plan_sees_its_timeline_and_override_errors_on_the_shaping_page()
    {
        using var app = Users.WithAdmin();
        var egress = app.Services.GetRequiredService<Appliance.Web.Modules.Pools.Egress.EgressService>();
        Assert.True((await egress.SaveSourceAsync(null, new("warm-ip", "127.0.0.6", null), true, "test")).Succeeded);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);

        await browser.GotoInteractiveAsync("/warmup");
        // The only source and the first plan (the 8-week template) are preselected.
        await page.ClickAsync("#attach-plan");
        await Assertions.Expect(page.Locator("#attachments-table")).ToContainTextAsync("warm-ip");
        await Assertions.Expect(page.Locator("#attachments-table")).ToContainTextAsync("200");
        Assert.Contains(app.Services.GetRequiredService<WarmupLimiter>().Caps, c => c.Source == "warm-ip" && c.DailyLimit == 200);
        // Issue 17: invalid recipients are list hygiene, shown apart from the reputation bounces that decide holds.
        var limiter = app.Services.GetRequiredService<WarmupLimiter>();
        limiter.RecordDelivered("warm-ip", null, 90);
        limiter.RecordHygieneBounced("warm-ip", null, 7);
        limiter.RecordBounced("warm-ip", null, 1);
        await app.Services.GetRequiredService<Appliance.Web.Modules.Pools.Warmup.WarmupRuntime>().TickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Timeline" }).ClickAsync();
        await Assertions.Expect(page.Locator("#warmup-timeline svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#warmup-bounce-table .hygiene-bounces").First).ToHaveTextAsync("7");
        await Assertions.Expect(page.Locator("#warmup-bounce-table .reputation-bounces").First).ToHaveTextAsync("1");
        await browser.ScreenshotAsync("warmup");

        await browser.GotoInteractiveAsync("/shaping");
        await page.FillAsync("#override-name input", "slow-example");
        await page.ClickAsync("#save-override");
        await Assertions.Expect(page.Locator("#override-form .form-error")).ToContainTextAsync("matches nothing");
        await browser.ScreenshotAsync("shaping");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Pools_page_shows_complaint_rates_per_pool_source_and_tenant_coloured_by_the_guidance()
    {
        using var app = Users.WithAdmin();
        var egress = app.Services.GetRequiredService<Appliance.Web.Modules.Pools.Egress.EgressService>();
        Assert.True((await egress.SaveSourceAsync(null, new("fbl-ip", "127.0.0.7", null), true, "test")).Succeeded);
        Assert.True((await egress.SavePoolAsync(null, new("bulk-pool", [new("fbl-ip", 1)]), true, "test")).Succeeded);
        var sink = app.Services.GetRequiredService<Appliance.Mta.Events.IEventSink>();
        for (var i = 0; i < 400; i++) sink.Write(Event(Appliance.Mta.Events.MtaEventType.Delivery, null));
        for (var i = 0; i < 2; i++) sink.Write(Event(Appliance.Mta.Events.MtaEventType.Feedback, Appliance.Mta.Suppression.ComplaintEvent.DetailPrefix + "abuse"));

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/pools");
        var table = page.Locator("#complaint-rates");
        await page.ClickAsync("#refresh-complaints");
        var pool = table.Locator("tr", new() { Has = page.Locator("td.complaint-name", new() { HasText = "bulk-pool" }) });
        await Assertions.Expect(pool).ToContainTextAsync("0.5 %");
        await Assertions.Expect(pool.Locator(".warmup-rate")).ToContainTextAsync("over 0.3 %");
        await Assertions.Expect(table).ToContainTextAsync("fbl-ip");
        await Assertions.Expect(table).ToContainTextAsync("127.0.0.7");
        await Assertions.Expect(table.Locator("tr", new() { Has = page.Locator("td.complaint-name", new() { HasText = "fbl-tenant" }) })).ToContainTextAsync("400");
        await browser.ScreenshotAsync("complaint-rates");
        Assert.Empty(browser.Errors);
    }

    private static Appliance.Mta.Events.MtaEvent Event(Appliance.Mta.Events.MtaEventType type, string? detail) => new()
    {
        Type = type, Timestamp = DateTimeOffset.UtcNow, Tenant = "fbl-tenant", EgressSource = "fbl-ip", EgressIp = "127.0.0.7", Detail = detail,
    };
}
