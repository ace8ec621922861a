using System.Text;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Feedback;

/// <summary>
/// The Suppressions page in a real browser (issue 6): add two addresses, search narrows the table, remove one (both
/// changes audited), and a CSV import with a bad line imports the good ones and reports the bad line by number.
/// </summary>
public sealed class SuppressionsPageTests
{
    [BrowserFact]
    public async Task Admin_adds_searches_removes_and_imports_with_a_line_report()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/suppressions");
        var page = browser.Page;
        var table = page.Locator("#suppressions-table");

        foreach (var address in new[] { "bob@example.com", "carol@example.org" })
        {
            await page.ClickAsync("#new-suppression");
            await page.FillAsync("#suppression-address input", address);
            await page.ClickAsync("#save-suppression");
            await Assertions.Expect(table).ToContainTextAsync(address);
        }

        // A bad address is refused in the form.
        await page.ClickAsync("#new-suppression");
        await page.FillAsync("#suppression-address input", "not an address");
        await page.ClickAsync("#save-suppression");
        await Assertions.Expect(page.Locator("#suppression-form .form-error")).ToBeVisibleAsync();

        await page.FillAsync("#search", "carol");
        await page.PressAsync("#search", "Enter");
        await Assertions.Expect(table).Not.ToContainTextAsync("bob@example.com");
        await Assertions.Expect(table).ToContainTextAsync("carol@example.org");

        await page.FillAsync("#search", "");
        await page.PressAsync("#search", "Enter");
        await Assertions.Expect(table).ToContainTextAsync("bob@example.com");
        await table.Locator("tr", new LocatorLocatorOptions { HasText = "bob@example.com" }).Locator(".remove-suppression").ClickAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("bob@example.com");
        await Assertions.Expect(table).ToContainTextAsync("carol@example.org");

        var csv = "address,reason\ndave@example.net,manual\nnot-an-address,manual\nerin@example.net,complaint\n";
        // As a user does it: the button opens the file chooser (the hidden input's listener is attached after render).
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("#import-csv"));
        await chooser.SetFilesAsync(new FilePayload { Name = "list.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var report = page.Locator("#import-report");
        await Assertions.Expect(report).ToContainTextAsync("2 imported, 1 rejected");
        await Assertions.Expect(report.Locator(".import-error")).ToHaveCountAsync(1);
        await Assertions.Expect(report.Locator(".import-error")).ToContainTextAsync("Line 3");
        await Assertions.Expect(report.Locator(".import-error")).ToContainTextAsync("not-an-address");
        await Assertions.Expect(table).ToContainTextAsync("erin@example.net");
        await browser.ScreenshotAsync("suppressions");

        await using var db = app.CreateDbContext();
        var actions = await db.AuditLog.Select(a => a.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == "suppression.add"));
        Assert.Contains("suppression.remove", actions);
        Assert.Contains("suppression.import", actions);
        Assert.Empty(browser.Errors);
    }
}
