using System.Text;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Appliance.Web.E2ETests.Infrastructure.ReportDocuments;

namespace Appliance.Web.E2ETests;

/// <summary>
/// /reports in a real browser over reports built in the test (never skips for a missing corpus): 15 days of DMARC
/// aggregate reports go in through the ingestion service, a TLS report and a file that is no report through the
/// page's upload control.
/// </summary>
public sealed class ReportsPageTests
{
    private const string Domain = "shop.example";
    private const string OwnIp = "192.0.2.10";
    private const string SpooferIp = "203.0.113.50";
    private const string EgressIp = "127.0.0.2";

    [BrowserFact]
    public async Task Admin_sees_dmarc_totals_sources_advice_and_tls_failures_and_a_message_for_a_file_that_is_no_report()
    {
        using var app = Users.WithAdmin(new() { ["Appliance:Dkim:SendingIps:0"] = OwnIp });
        // An egress source's bind address counts as own too (IP pools provide the own addresses).
        var egress = app.Services.GetRequiredService<Appliance.Web.Modules.Pools.Egress.EgressService>();
        Assert.True((await egress.SaveSourceAsync(null, new("out-1", EgressIp, null), true, "test")).Succeeded);
        var ingestion = app.Services.GetRequiredService<ReportIngestionService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < 15; i++)
        {
            var org = i % 2 == 0 ? "google.com" : "yahoo.com";
            DmarcRow[] rows = i == 14
                ? [new(OwnIp, 100, true), new(SpooferIp, 10, false), new(EgressIp, 5, true)]
                : [new(OwnIp, 100, true), new(SpooferIp, 10, false)];
            var xml = DmarcAggregate(org, $"agg-{i}", Domain, today.AddDays(-16 + i), rows);
            Assert.Equal(1, (await ingestion.IngestAsync(xml, $"agg-{i}.xml", ReportChannel.Upload, "test")).Stored);
        }

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/reports");

        // Totals over all domains: 15 × (100 own aligned + 10 unaligned from elsewhere) + 5 aligned from the egress source.
        await Assertions.Expect(page.Locator("#dmarc-messages")).ToHaveTextAsync("1,655");
        await Assertions.Expect(page.Locator("#dmarc-pass")).ToHaveTextAsync("90.9 %");
        await Assertions.Expect(page.Locator("#own-pass")).ToHaveTextAsync("100.0 %");
        await Assertions.Expect(page.Locator(".mud-paper", new() { Has = page.Locator("#own-pass") })).ToContainTextAsync("1,505 from the appliance");
        var sources = page.Locator("#dmarc-sources .source-row");
        await Assertions.Expect(sources).ToHaveCountAsync(3);
        var own = sources.Filter(new() { HasText = OwnIp });
        await Assertions.Expect(own.Locator(".mud-chip")).ToHaveTextAsync("own");
        await Assertions.Expect(own).ToContainTextAsync("1,500");
        await Assertions.Expect(own).ToContainTextAsync("google.com, yahoo.com");
        await Assertions.Expect(sources.Filter(new() { HasText = SpooferIp }).Locator(".mud-chip")).ToHaveTextAsync("unknown");
        await Assertions.Expect(sources.Filter(new() { HasText = EgressIp }).Locator(".mud-chip")).ToHaveTextAsync("own");
        await Assertions.Expect(page.Locator("#dmarc-failures")).ToContainTextAsync(SpooferIp);
        // The daily volume chart: a bar group per reported day, labelled by day, with pass and fail series.
        var volume = page.Locator(".mud-paper", new() { HasTextString = "Volume per day" });
        await Assertions.Expect(volume.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(volume).ToContainTextAsync("DMARC fail");
        await Assertions.Expect(volume).ToContainTextAsync(Label(today.AddDays(-16)));
        await Assertions.Expect(volume).ToContainTextAsync(Label(today.AddDays(-2)));
        await Assertions.Expect(page.Locator(".mud-paper", new() { HasTextString = "Pass rates per day" })).ToContainTextAsync("DKIM");
        // The advice needs one domain: pick it.
        await Assertions.Expect(page.Locator("#policy-advice")).ToHaveCountAsync(0);
        await page.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = Domain }).First.ClickAsync();
        var advice = page.Locator("#policy-advice");
        await Assertions.Expect(advice).ToContainTextAsync("p=none for 15 days, 90.9% aligned (1,505 of 1,655 messages)");
        await Assertions.Expect(advice).ToContainTextAsync("fix the sources failing alignment first");
        await browser.ScreenshotAsync("reports-dmarc");

        await Tab(page, "TLS-RPT").ClickAsync();
        await Assertions.Expect(page.Locator("#tls-empty")).ToBeVisibleAsync();

        // Upload through the page: a TLS report and a text file that is neither.
        await Tab(page, "Ingestion").ClickAsync();
        var tls = TlsReport("google.com", "tls-1", Domain, today.AddDays(-1), 500,
            new TlsFailure("starttls-not-supported", "mx1.shop.example", 7), new TlsFailure("certificate-expired", "mx2.shop.example", 3));
        // As a user does it: the button opens the file chooser. Setting the hidden input directly can land before
        // Blazor's InputFile has attached its change listener (a freshly rendered tab), and the files are then ignored.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("#upload-reports"));
        await chooser.SetFilesAsync(new[]
        {
            new FilePayload { Name = "google-tls.json", MimeType = "application/tlsrpt+json", Buffer = tls },
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Meeting notes, not a report.") },
        });
        var result = page.Locator("#upload-result");
        await Assertions.Expect(result).ToContainTextAsync("tlsRpt google.com tls-1 (shop.example): stored");
        await Assertions.Expect(result.Locator(".upload-error")).ToHaveTextAsync("notes.txt: neither XML nor JSON");
        await Assertions.Expect(page.Locator("#recent-reports .report-row").First).ToContainTextAsync("tlsRpt");
        await Assertions.Expect(page.Locator("#ingestion-errors")).ToContainTextAsync("neither XML nor JSON");

        // The TLS tab now shows the uploaded failures by result type and MX.
        await Tab(page, "TLS-RPT").ClickAsync();
        await Assertions.Expect(page.Locator("#tls-successful")).ToHaveTextAsync("500");
        await Assertions.Expect(page.Locator("#tls-failed")).ToHaveTextAsync("10");
        var failures = page.Locator("#tls-failures tbody tr");
        await Assertions.Expect(failures).ToHaveCountAsync(2);
        await Assertions.Expect(failures.Nth(0)).ToContainTextAsync("starttls-not-supported");
        await Assertions.Expect(failures.Nth(0)).ToContainTextAsync("mx1.shop.example");
        await Assertions.Expect(failures.Nth(0).Locator("td").Nth(2)).ToHaveTextAsync("7");
        await Assertions.Expect(failures.Nth(1)).ToContainTextAsync("certificate-expired");
        await Assertions.Expect(failures.Nth(1).Locator("td").Nth(2)).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".mud-paper", new() { HasTextString = "Failed sessions per day" })).ToContainTextAsync("starttls-not-supported");
        await browser.ScreenshotAsync("reports-tls");
        Assert.Empty(browser.Errors);
    }

    private static string Label(DateOnly day) => day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static ILocator Tab(IPage page, string name) => page.Locator(".mud-tab", new() { HasTextString = name });
}
