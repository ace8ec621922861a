using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>The counter's cluster side (issue 19): deltas taken once, given back on failure, reads from the shared totals while set.</summary>
public sealed class ComplaintRateSharingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero));

    private void Deliver(ComplaintRateCounter counter, string tenant, int n)
    {
        for (var i = 0; i < n; i++) counter.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = _time.GetUtcNow(), Tenant = tenant });
    }

    [Fact]
    public void A_single_node_keeps_no_deltas()
    {
        var counter = new ComplaintRateCounter(_time, new EgressConfiguration());
        Deliver(counter, "shop", 3);
        Assert.Empty(counter.TakeDelta().Tenants);
        Assert.False(counter.IsShared);
    }

    [Fact]
    public void A_delta_is_taken_once_and_a_returned_one_comes_again()
    {
        var counter = new ComplaintRateCounter(_time, new EgressConfiguration());
        counter.StartSharing();
        Deliver(counter, "shop", 3);
        var delta = counter.TakeDelta();
        Assert.Equal(3, Assert.Single(delta.Tenants["shop"]).Deliveries);
        Assert.Empty(counter.TakeDelta().Tenants);
        counter.ReturnDelta(delta);
        Deliver(counter, "shop", 1);
        Assert.Equal(4, Assert.Single(counter.TakeDelta().Tenants["shop"]).Deliveries);
        Assert.Equal(new ComplaintRateEntry("shop", 0, 4), counter.ForTenant("shop")); // the node's own window is untouched
    }

    [Fact]
    public void Reads_answer_from_the_shared_totals_until_they_are_withdrawn()
    {
        var counter = new ComplaintRateCounter(_time, new EgressConfiguration());
        counter.StartSharing();
        Deliver(counter, "shop", 2);
        var hour = _time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        counter.UseShared(new ComplaintRateState(new() { ["shop"] = [new ComplaintBucket(hour, 50, 2), new ComplaintBucket(hour - 30, 99, 99)] }, [], []));
        Assert.Equal(new ComplaintRateEntry("shop", 2, 50), counter.ForTenant("shop")); // the bucket outside 24 h is ignored
        Assert.Equal("shop", Assert.Single(counter.Report().Tenants).Name);
        Assert.Equal(2, Assert.Single(counter.Save().Tenants["shop"]).Deliveries); // the node saves its own counts

        counter.UseShared(null);
        Assert.Equal(new ComplaintRateEntry("shop", 0, 2), counter.ForTenant("shop"));
    }
}
