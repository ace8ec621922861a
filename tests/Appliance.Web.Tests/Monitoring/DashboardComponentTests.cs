using Appliance.Mta.Admin;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Events;
using Appliance.Web.Components.Pages;
using Appliance.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>bUnit: the dashboard renders the metrics ring, the gauges, the sites and its empty state.</summary>
public sealed class DashboardComponentTests
{
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 30, TimeSpan.Zero));
    private readonly SummaryQueueAdmin _queues = new();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class SummaryQueueAdmin : IQueueAdmin
    {
        public List<ReadyQueueInfo> Ready { get; } = [];

        public QueueSummary GetSummary() => new([], Ready, new Dictionary<string, int>(), 0);

        public int Count(QueueFilter filter) => 0;

        public int Suspend(QueueFilter filter, string actor) => 0;

        public int Resume(QueueFilter filter, string actor) => 0;

        public int RetryNow(QueueFilter filter, string actor) => 0;

        public int Bounce(QueueFilter filter, string reason, string actor) => 0;

        public int Delete(QueueFilter filter, string actor) => 0;
    }

    private BunitContext Context(MtaMetrics metrics)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<Appliance.Web.Security.Scope.ICallerScope>(Appliance.Web.Tests.Infrastructure.FixedCallerScope.Global);
        ctx.Services.AddSingleton<TimeProvider>(_time);
        ctx.Services.AddSingleton(metrics);
        ctx.Services.AddSingleton<IQueueAdmin>(_queues);
        ctx.Services.AddSingleton<DashboardService>();
        // Not interactive: the 2 s refresh loop does not start, so what is rendered is the first snapshot.
        ctx.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return ctx;
    }

    [Fact]
    public async Task Counters_show_this_minute_the_last_minute_and_the_total()
    {
        using var metrics = new MtaMetrics(_time, () => new MtaGaugeValues(7, 2, 3));
        var now = _time.GetUtcNow();
        metrics.Record(MtaEventType.Delivery, now.AddMinutes(-1));
        metrics.Record(MtaEventType.Delivery, now);
        metrics.Record(MtaEventType.Delivery, now);
        metrics.Record(MtaEventType.Reception, now);
        _queues.Ready.Add(new ReadyQueueInfo("default->mx.example.net", "default", "mx.example.net", 4, 1, Suspended: true, "421 4.7.0 try later"));
        await using var ctx = Context(metrics);

        var page = ctx.Render<Dashboard>();

        Assert.Equal("2", page.Find("#counter-delivered").TextContent);
        Assert.Equal("3", page.Find("#total-delivered").TextContent);
        Assert.Equal("1", page.Find("#previous-delivered").TextContent);
        Assert.Contains("this minute so far", page.Find("#counter-delivered").ParentElement!.TextContent);
        Assert.Equal("7", page.Find("#gauge-queue").TextContent);
        Assert.Equal("2", page.Find("#gauge-inbound").TextContent);
        Assert.Equal("3", page.Find("#gauge-outbound").TextContent);
        var sites = page.Find("#top-sites").TextContent;
        Assert.Contains("mx.example.net", sites);
        Assert.Contains("suspended", sites);
        Assert.Contains("421 4.7.0 try later", sites);
        Assert.Empty(page.FindAll("#dashboard-empty"));
    }

    [Fact]
    public async Task Without_mail_the_empty_state_says_what_to_do_next()
    {
        using var metrics = new MtaMetrics(_time);
        await using var ctx = Context(metrics);

        var page = ctx.Render<Dashboard>();

        Assert.Contains("No mail yet", page.Find("#dashboard-empty").TextContent);
        Assert.Contains("Tenants", page.Find("#dashboard-empty").TextContent);
        Assert.NotNull(page.Find("#sites-empty"));
    }
}
