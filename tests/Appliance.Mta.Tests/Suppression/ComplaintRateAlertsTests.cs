using System.Net;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Appliance.Mta.Tests.Queue.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Suppression;

public sealed class ComplaintRateAlertsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly EgressConfiguration _egress = new();
    private readonly ListEventSink _events = new();
    private readonly ComplaintRateCounter _counter;
    private readonly ComplaintRateAlerts _alerts;

    public ComplaintRateAlertsTests()
    {
        Assert.Empty(_egress.Replace(new EgressPlan
        {
            Sources = [new("ip-a", IPAddress.Parse("127.0.0.2")), new("ip-b", IPAddress.Parse("127.0.0.3"))],
            Pools = [new("bulk", [new("ip-a")]), new("default", [new("ip-b")])],
        }));
        _counter = new ComplaintRateCounter(_time, _egress);
        _alerts = new ComplaintRateAlerts(_counter, _events, Microsoft.Extensions.Options.Options.Create(
            new SuppressionOptions { ComplaintAlertRate = 0.003, ComplaintAlertMinimumDeliveries = 1000 }), _time);
    }

    [Fact]
    public async Task One_alert_when_a_tenant_and_its_pool_pass_the_threshold_and_one_when_back_under()
    {
        Traffic("shop", "ip-a", delivered: 1000, complaints: 4); // 0.4 %
        Traffic("bank", "ip-b", delivered: 5000, complaints: 5); // 0.1 %

        Assert.Equal(2, await _alerts.CheckAsync());
        Assert.Equal(0, await _alerts.CheckAsync()); // still over: no repeat
        Assert.Equal(["pool:bulk", "tenant:shop"], _alerts.Alerting.Order(StringComparer.Ordinal));
        var tenantAlert = Assert.Single(_events.Events, e => e.Tenant == "shop");
        Assert.Equal(MtaEventType.Alert, tenantAlert.Type);
        Assert.Equal("Complaint rate of tenant shop is 0.4 % over 24 hours (4 complaints / 1,000 delivered), above 0.3 %", tenantAlert.Detail);
        Assert.Contains(_events.Events, e => e.Tenant is null && e.Detail!.StartsWith("Complaint rate of pool bulk is 0.4 %", StringComparison.Ordinal));

        Traffic("shop", "ip-a", delivered: 1000, complaints: 0); // 4 / 2,000 = 0.2 %
        Assert.Equal(2, await _alerts.CheckAsync());
        Assert.Empty(_alerts.Alerting);
        Assert.Contains(_events.Events, e => e.Tenant == "shop" && e.Detail!.StartsWith("Complaint rate of tenant shop is back under 0.3 %", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_small_sample_never_alerts_and_a_scope_that_leaves_the_window_clears()
    {
        Traffic("tiny", "ip-a", delivered: 100, complaints: 10); // 10 %, but only 100 delivered
        Assert.Equal(0, await _alerts.CheckAsync());

        Traffic("tiny", "ip-a", delivered: 900, complaints: 0); // 1 % of 1,000
        Assert.Equal(2, await _alerts.CheckAsync());
        _time.Advance(TimeSpan.FromHours(25)); // everything left the window
        Assert.Equal(2, await _alerts.CheckAsync());
        Assert.Empty(_alerts.Alerting);
        Assert.Equal(4, _events.Events.Count);
    }

    [Fact]
    public async Task A_zero_rate_turns_the_alerts_off()
    {
        var off = new ComplaintRateAlerts(_counter, _events, Microsoft.Extensions.Options.Options.Create(new SuppressionOptions { ComplaintAlertRate = 0 }), _time);
        Traffic("shop", "ip-a", delivered: 1000, complaints: 100);
        Assert.Equal(0, await off.CheckAsync());
        Assert.Empty(_events.Events);
    }

    private void Traffic(string tenant, string source, int delivered, int complaints)
    {
        for (var i = 0; i < delivered; i++)
            _counter.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = _time.GetUtcNow(), Tenant = tenant, EgressSource = source });
        for (var i = 0; i < complaints; i++)
            _counter.OnEvent(new MtaEvent
            {
                Type = MtaEventType.Feedback, Timestamp = _time.GetUtcNow(), Tenant = tenant, EgressSource = source, Detail = ComplaintEvent.DetailPrefix + "abuse",
            });
    }
}
