using System.Net;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Suppression;

public sealed class ComplaintRateCounterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero));
    private readonly EgressConfiguration _egress = new();
    private readonly ComplaintRateCounter _counter;

    public ComplaintRateCounterTests()
    {
        var errors = _egress.Replace(new EgressPlan
        {
            Sources = [new("ip-a", IPAddress.Parse("127.0.0.2")), new("ip-b", IPAddress.Parse("127.0.0.3")), new("ip-c", IPAddress.Parse("127.0.0.4"))],
            Pools = [new("marketing", [new("ip-a", 2), new("ip-b")]), new("transactional", [new("ip-c")])],
            DefaultPool = "transactional",
        });
        Assert.Empty(errors);
        _counter = new ComplaintRateCounter(_time, _egress);
    }

    [Fact]
    public void Counts_per_tenant_source_ip_and_pool_with_the_pool_summing_its_members()
    {
        Deliver("shop", "ip-a", "127.0.0.2", 600);
        Deliver("shop", "ip-b", "127.0.0.3", 400);
        Deliver("bank", "ip-c", "127.0.0.4", 1000);
        Complain("shop", "ip-a", null, 3);
        Complain("shop", null, "127.0.0.3", 2); // no delivery found: charged through the report's Source-IP
        Complain("bank", "ip-c", "127.0.0.4", 1);

        Assert.Equal(new ComplaintRateEntry("shop", 5, 1000), _counter.ForTenant("shop"));
        Assert.Equal(new ComplaintRateEntry("ip-a", 3, 600), _counter.ForSource("ip-a"));
        Assert.Equal(new ComplaintRateEntry("ip-b", 2, 400), _counter.ForSource("ip-b"));
        Assert.Equal(new ComplaintRateEntry("127.0.0.3", 2, 400), _counter.ForEgressIp("127.0.0.3"));
        Assert.Equal(new ComplaintRateEntry("marketing", 5, 1000), _counter.ForPool("marketing"));
        Assert.Equal(0.005, _counter.ForPool("marketing").Rate, 6);
        Assert.Equal(new ComplaintRateEntry("transactional", 1, 1000), _counter.ForPool("transactional"));

        var report = _counter.Report();
        Assert.Equal(["marketing", "transactional"], report.Pools.Select(p => p.Name));
        // Highest rate first; ip-a (3/600) and ip-b (2/400) tie at 0.5%, so more complaints first.
        Assert.Equal(["ip-a", "ip-b", "ip-c"], report.Sources.Select(s => s.Name));
        Assert.Equal(["shop", "bank"], report.Tenants.Select(t => t.Name));
    }

    [Fact]
    public void Not_spam_reports_and_other_events_do_not_count_as_complaints()
    {
        Deliver("shop", "ip-a", "127.0.0.2", 10);
        _counter.OnEvent(Feedback("shop", "ip-a", null, ComplaintEvent.NotSpam));
        _counter.OnEvent(new MtaEvent { Type = MtaEventType.Bounce, Timestamp = _time.GetUtcNow(), Tenant = "shop", EgressSource = "ip-a" });
        _counter.OnEvent(new MtaEvent { Type = MtaEventType.Reception, Timestamp = _time.GetUtcNow(), Tenant = "shop" });
        Assert.Equal(new ComplaintRateEntry("shop", 0, 10), _counter.ForTenant("shop"));
        _counter.OnEvent(Feedback("shop", "ip-a", null, "abuse"));
        Assert.Equal(new ComplaintRateEntry("ip-a", 1, 10), _counter.ForSource("ip-a"));
    }

    [Fact]
    public void The_window_slides_over_24_hours()
    {
        Deliver("shop", "ip-a", null, 100);
        Complain("shop", "ip-a", null, 1);
        _time.Advance(TimeSpan.FromHours(23));
        Deliver("shop", "ip-a", null, 50);
        Assert.Equal(new ComplaintRateEntry("shop", 1, 150), _counter.ForTenant("shop"));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new ComplaintRateEntry("shop", 0, 50), _counter.ForTenant("shop"));
        _time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(new ComplaintRateEntry("shop", 0, 0), _counter.ForTenant("shop"));
        Assert.Empty(_counter.Report().Tenants);
    }

    [Fact]
    public void A_tenant_report_holds_only_that_tenant_and_pools_follow_the_live_plan()
    {
        Deliver("shop", "ip-a", null, 10);
        Deliver("bank", "ip-c", null, 10);
        var own = _counter.Report("bank");
        Assert.Equal(new ComplaintRateEntry("bank", 0, 10), Assert.Single(own.Tenants));
        Assert.Empty(own.Pools);
        Assert.Empty(own.Sources);
        Assert.Empty(own.Ips);

        Assert.Empty(_egress.Replace(_egress.Plan with { Pools = [.. _egress.Plan.Pools, new EgressPool("all", [new("ip-a"), new("ip-c")])] }));
        Assert.Equal(new ComplaintRateEntry("all", 0, 20), _counter.ForPool("all"));
        Assert.Equal(new ComplaintRateEntry("gone", 0, 0), _counter.ForPool("gone"));
    }

    [Fact]
    public async Task The_window_survives_a_restart_through_the_saved_file_and_old_hours_are_dropped()
    {
        var dir = Directory.CreateTempSubdirectory("complaint-state-").FullName;
        try
        {
            Deliver("shop", "ip-a", "127.0.0.2", 300);
            Complain("shop", "ip-a", null, 2);
            _time.Advance(TimeSpan.FromHours(5));
            Deliver("shop", "ip-a", "127.0.0.2", 100);
            var options = Microsoft.Extensions.Options.Options.Create(new Appliance.Mta.Configuration.MtaOptions { DataDir = dir });
            var log = Microsoft.Extensions.Logging.Abstractions.NullLogger<ComplaintRatePersistence>.Instance;
            var saver = new ComplaintRatePersistence(_counter, options, log);
            await saver.StartAsync(default);
            await saver.StopAsync(default); // saves
            Assert.True(File.Exists(saver.FilePath));

            var restarted = new ComplaintRateCounter(_time, _egress);
            var second = new ComplaintRatePersistence(restarted, options, log);
            await second.StartAsync(default);
            Assert.Equal(new ComplaintRateEntry("shop", 2, 400), restarted.ForTenant("shop"));
            Assert.Equal(new ComplaintRateEntry("marketing", 2, 400), restarted.ForPool("marketing"));
            Assert.Equal(new ComplaintRateEntry("127.0.0.2", 0, 400), restarted.ForEgressIp("127.0.0.2"));

            // Twenty hours later the first hour has left the window, in the restored counter too.
            _time.Advance(TimeSpan.FromHours(20));
            Assert.Equal(new ComplaintRateEntry("shop", 0, 100), restarted.ForTenant("shop"));

            await second.StopAsync(default);

            // A damaged file is ignored: the counter starts empty rather than failing the host.
            File.WriteAllText(saver.FilePath, "{not json");
            var fresh = new ComplaintRateCounter(_time, _egress);
            await new ComplaintRatePersistence(fresh, options, log).StartAsync(default);
            Assert.Equal(new ComplaintRateEntry("shop", 0, 0), fresh.ForTenant("shop"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private void Deliver(string tenant, string source, string? ip, int count)
    {
        for (var i = 0; i < count; i++)
            _counter.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = _time.GetUtcNow(), Tenant = tenant, EgressSource = source, EgressIp = ip });
    }

    private void Complain(string tenant, string? source, string? ip, int count)
    {
        for (var i = 0; i < count; i++) _counter.OnEvent(Feedback(tenant, source, ip, "abuse"));
    }

    private MtaEvent Feedback(string tenant, string? source, string? ip, string type) => new()
    {
        Type = MtaEventType.Feedback, Timestamp = _time.GetUtcNow(), Tenant = tenant, EgressSource = source, EgressIp = ip,
        Detail = ComplaintEvent.DetailPrefix + type,
    };
}
