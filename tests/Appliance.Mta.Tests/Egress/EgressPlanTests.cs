using System.Net;
using Appliance.Mta.Egress;

namespace Appliance.Mta.Tests.Egress;

public sealed class EgressPlanTests
{
    private static EgressPlan TwoStreams(bool allowShared = false, string marketingSource = "mkt1") => new()
    {
        Sources = [new("tx1", IPAddress.Parse("127.0.0.2")), new("mkt1", IPAddress.Parse("127.0.0.3")), new("default")],
        Pools = [new("tx", [new("tx1")]), new("mkt", [new(marketingSource)]), new("default", [new("default")])],
        Assignments = [new(null, "transactional", "tx"), new(null, "marketing", "mkt"), new("acme", "marketing", "tx")],
        AllowSharedStreams = allowShared,
    };

    [Fact]
    public void The_most_specific_assignment_wins()
    {
        var plan = TwoStreams(allowShared: true);
        Assert.Equal("tx", plan.PoolFor("other", "transactional"));
        Assert.Equal("mkt", plan.PoolFor("other", "marketing"));
        Assert.Equal("tx", plan.PoolFor("acme", "marketing"));
        Assert.Equal("tx", plan.PoolFor("other", null)); // no stream = transactional
    }

    [Fact]
    public void A_source_reachable_from_both_streams_is_refused_unless_allowed()
    {
        var errors = TwoStreams().Validate();
        Assert.Contains(errors, e => e.Contains("share egress source(s) tx1", StringComparison.Ordinal));
        Assert.Empty(TwoStreams(allowShared: true).Validate());
    }

    [Fact]
    public void Separate_pools_per_stream_validate()
    {
        var plan = TwoStreams() with { Assignments = [new(null, "transactional", "tx"), new(null, "marketing", "mkt")] };
        Assert.Empty(plan.Validate());
    }

    [Fact]
    public void Unknown_sources_pools_streams_and_bad_weights_are_named()
    {
        var plan = new EgressPlan
        {
            Sources = [new("a"), new("a")],
            Pools = [new("p", [new("ghost"), new("a", 0)])],
            Assignments = [new(null, "bulk", "nope")],
            DefaultPool = "missing",
        };
        var errors = plan.Validate();
        Assert.Contains("Egress source 'a' is defined twice.", errors);
        Assert.Contains("Pool 'p' names unknown egress source 'ghost'.", errors);
        Assert.Contains("Pool 'p': the weight of 'a' must be greater than zero.", errors);
        Assert.Contains("The default pool 'missing' does not exist.", errors);
        Assert.Contains("An assignment names unknown pool 'nope'.", errors);
        Assert.Contains(errors, e => e.StartsWith("Unknown stream 'bulk'", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_refuses_an_invalid_plan_and_keeps_the_current_one()
    {
        var config = new EgressConfiguration();
        var errors = config.Replace(new EgressPlan { DefaultPool = "missing" });
        Assert.NotEmpty(errors);
        Assert.Same(EgressPlan.Default, config.Plan);
        var good = TwoStreams(allowShared: true);
        Assert.Empty(config.Replace(good));
        Assert.Same(good, config.Plan);
        Assert.Equal(IPAddress.Parse("127.0.0.3"), config.Source("MKT1")!.BindAddress);
    }
}
