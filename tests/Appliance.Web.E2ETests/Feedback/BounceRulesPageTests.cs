using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Feedback;

/// <summary>
/// The Bounce rules page in a real browser (issue 6): a pasted response is classified by the shipped rules; an invalid
/// pattern is refused; a custom rule is added (audited, listed as custom) and the same kind of response is then
/// classified by it, while a response it does not match keeps its shipped category.
/// </summary>
public sealed class BounceRulesPageTests
{
    private const string Blocked = "550 5.7.1 Message rejected by the acme-shield filter";

    [BrowserFact]
    public async Task Admin_adds_a_rule_and_tests_a_response_against_it()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/bounce-rules");
        var page = browser.Page;

        await ClassifyAsync(page, Blocked);
        var before = (await page.Locator("#classify-result").TextContentAsync())!;
        Assert.DoesNotContain("acme-shield", before, StringComparison.Ordinal);

        await page.FillAsync("#rule-id", "bad id with spaces");
        await page.FillAsync("#rule-pattern", "acme-shield(");
        await page.ClickAsync("#save-rule");
        await Assertions.Expect(page.Locator("#rule-form .form-error").First).ToBeVisibleAsync();

        await page.FillAsync("#rule-id", "acme-shield");
        await page.FillAsync("#rule-pattern", "acme-shield filter");
        await page.ClickAsync("#rule-form .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "SpamContent" }).First.ClickAsync();
        await page.ClickAsync("#save-rule");
        var rules = page.Locator("#rules-table");
        await Assertions.Expect(rules.Locator("tr", new LocatorLocatorOptions { HasText = "acme-shield" })).ToContainTextAsync("custom");

        await ClassifyAsync(page, Blocked);
        await Assertions.Expect(page.Locator("#classify-result")).ToContainTextAsync("SpamContent");
        await Assertions.Expect(page.Locator("#classify-result")).ToContainTextAsync("rule acme-shield");
        await ClassifyAsync(page, "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown");
        await Assertions.Expect(page.Locator("#classify-result")).ToContainTextAsync("InvalidRecipient");
        await browser.ScreenshotAsync("bounce-rules");

        await using var db = app.CreateDbContext();
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "bounce-rule.create" && a.Target == "acme-shield");
        Assert.Empty(browser.Errors);
    }

    private static async Task ClassifyAsync(IPage page, string response)
    {
        await page.FillAsync("#classify-response input", response);
        await page.ClickAsync("#classify-button");
        await Assertions.Expect(page.Locator("#classify-result")).ToBeVisibleAsync();
    }
}
