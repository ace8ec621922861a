using Appliance.Mta.Egress;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

/// <summary>The Tenants page shows which pool each tenant's transactional and marketing streams use under the live egress plan.</summary>
public sealed class TenantPoolsTests
{
    [BrowserFact]
    public async Task Tenants_page_shows_each_streams_pool_and_follows_assignment_changes()
    {
        using var app = Users.WithAdmin();
        var egress = app.Services.GetRequiredService<EgressService>();
        ServiceResult<Appliance.Web.Api.Contracts.TenantResponse> tenant;
        using (var scope = app.Services.CreateScope()) tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("Acme Corp", true, "test");
        Assert.True(tenant.Succeeded);
        Assert.Equal("acme-corp", tenant.Value!.Id);
        Assert.True((await egress.SaveSourceAsync(null, new("bulk-1", "127.0.0.2", null), true, "test")).Succeeded);
        Assert.True((await egress.SaveSourceAsync(null, new("bulk-2", "127.0.0.3", null), true, "test")).Succeeded);
        Assert.True((await egress.SavePoolAsync(null, new("bulk-a", [new("bulk-1", 1)]), true, "test")).Succeeded);
        Assert.True((await egress.SavePoolAsync(null, new("bulk-b", [new("bulk-2", 1)]), true, "test")).Succeeded);
        // Every tenant's marketing on bulk-a (so no stream shares the default source), Acme's own marketing on bulk-b.
        Assert.True((await egress.SaveAssignmentAsync(null, new(null, EgressStreams.Marketing, "bulk-a"), "test")).Succeeded);
        var acmeMarketing = await egress.SaveAssignmentAsync(null, new("acme-corp", EgressStreams.Marketing, "bulk-b"), "test");
        Assert.True(acmeMarketing.Succeeded, string.Join(" ", acmeMarketing.Messages));

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/tenants");
        await ExpectPoolsAsync(page, "acme-corp", transactional: "default", marketing: "bulk-b");
        await ExpectPoolsAsync(page, "default", transactional: "default", marketing: "bulk-a");
        await browser.ScreenshotAsync("tenant-pools");

        // Changed through the service: the page shows the new pool after a reload.
        Assert.True((await egress.SaveAssignmentAsync(acmeMarketing.Value!.Id, new("acme-corp", EgressStreams.Marketing, "bulk-a"), "test")).Succeeded);
        await browser.GotoInteractiveAsync("/tenants");
        await ExpectPoolsAsync(page, "acme-corp", transactional: "default", marketing: "bulk-a");

        // The pool links lead to /pools, where the assignment is edited; back on /tenants the row follows.
        await Row(page, "acme-corp").Locator(".tenant-pool-marketing").ClickAsync();
        await page.WaitForURLAsync("**/pools");
        await Assertions.Expect(page.Locator("#assignments-table")).ToContainTextAsync("Acme Corp");
        await browser.WaitForCircuitAsync();
        var fields = page.Locator("#assignment-form .mud-grid-item");
        await PickAsync(page, fields.Nth(0).Locator(".mud-select").First, "Acme Corp (acme-corp)");
        await PickAsync(page, fields.Nth(1).Locator(".mud-select").First, "Marketing");
        await PickAsync(page, fields.Nth(2).Locator(".mud-select").First, "bulk-b");
        await page.ClickAsync("#save-assignment");
        await Assertions.Expect(page.Locator("#assignments-table tr", new() { HasText = "Acme Corp" })).ToContainTextAsync("bulk-b");
        Assert.Equal("bulk-b", app.Services.GetRequiredService<EgressConfiguration>().Plan.PoolFor("acme-corp", EgressStreams.Marketing));
        await browser.GotoInteractiveAsync("/tenants");
        await ExpectPoolsAsync(page, "acme-corp", transactional: "default", marketing: "bulk-b");
        Assert.Empty(browser.Errors);
    }

    private static ILocator Row(IPage page, string tenantId) =>
        page.Locator("#tenants-table tbody tr", new() { Has = page.Locator("code", new() { HasTextRegex = new($"^{tenantId}$") }) });

    private static async Task ExpectPoolsAsync(IPage page, string tenantId, string transactional, string marketing)
    {
        var row = Row(page, tenantId);
        await Assertions.Expect(row.Locator(".tenant-pool-transactional")).ToHaveTextAsync(transactional);
        await Assertions.Expect(row.Locator(".tenant-pool-marketing")).ToHaveTextAsync(marketing);
    }

    private static async Task PickAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = item }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
