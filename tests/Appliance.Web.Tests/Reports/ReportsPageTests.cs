using Appliance.Web.Components.Pages.Reports;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Modules.Reports.Imap;
using Appliance.Web.Modules.Reports.Ingestion;
using Appliance.Web.Modules.Reports.Queries;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Row = Appliance.Web.Tests.Reports.SyntheticReports.Row;

namespace Appliance.Web.Tests.Reports;

/// <summary>bUnit over the real services: the dashboard shows the numbers of the uploaded report, sources marked own or unknown.</summary>
public sealed class ReportsPageTests(ReportsFactory host) : IClassFixture<ReportsFactory>
{
    private BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        foreach (var t in new[] { typeof(ReportQueryService), typeof(ReportIngestionService), typeof(MailboxService), typeof(ImapMailboxPoller), typeof(IAuditLog), typeof(IOptionsMonitor<ReportsOptions>) })
            ctx.Services.AddSingleton(t, host.Services.GetRequiredService(t));
        ctx.Services.AddSingleton<Appliance.Web.Security.Scope.ICallerScope>(Appliance.Web.Tests.Infrastructure.FixedCallerScope.Global);
        ctx.AddAuthorization().SetAuthorized("admin@example.com").SetPolicies(Permissions.CanView, Permissions.CanConfigure, Permissions.CanOperate);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return ctx;
    }

    [Fact]
    public async Task Dmarc_panel_shows_the_reported_numbers_and_marks_sources()
    {
        var domain = SyntheticReports.NewDomain();
        await host.CreateAdminClient().UploadAsync(SyntheticReports.Aggregate("org.example", "page-1", domain, ReportsFactory.T0, "none",
            new Row("192.0.2.10", 1234), new Row("203.0.113.50", 66, "fail", "fail")), "p.xml");
        var summary = await host.Services.GetRequiredService<ReportQueryService>().DmarcAsync(domain, null, null, null);
        await using var ctx = Context();

        var panel = ctx.Render<DmarcPanel>(p => p.Add(x => x.Summary, summary));

        Assert.Equal("1,300", panel.Find("#dmarc-messages").TextContent.Trim());
        Assert.Equal("94.9 %", panel.Find("#dmarc-pass").TextContent.Trim());
        var rows = panel.FindAll("#dmarc-sources .source-row");
        Assert.Contains(rows, r => r.TextContent.Contains("192.0.2.10", StringComparison.Ordinal) && r.TextContent.Contains("own", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("203.0.113.50", StringComparison.Ordinal) && r.TextContent.Contains("unknown", StringComparison.Ordinal));
        Assert.Contains("not aligned", panel.Find("#dmarc-failures").TextContent, StringComparison.Ordinal);
        Assert.Contains("94.9% aligned (1,234 of 1,300 messages)", panel.Find("#policy-advice").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_page_renders_with_its_domains()
    {
        var domain = SyntheticReports.NewDomain();
        await host.CreateAdminClient().UploadAsync(SyntheticReports.Aggregate("org.example", "page-2", domain, DateTimeOffset.UtcNow.AddDays(-1), "none", new Row("192.0.2.10", 5)), "p2.xml");
        await using var ctx = Context();

        var page = ctx.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Contains("DMARC and TLS reports", page.Find("#page-title").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#dmarc-messages")));
    }
}
