using System.Net;
using Appliance.Mta.Egress;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Egress;

/// <summary>Issue 19: in a cluster a node sends only from the sources it owns or nobody owns.</summary>
public sealed class EgressNodeOwnershipTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    private (EgressSelector Selector, WarmupLimiter Warmup) Build(string? localNode, WarmupOverflow overflow = WarmupOverflow.WarmSources)
    {
        var config = new EgressConfiguration();
        Assert.Empty(config.Replace(new EgressPlan
        {
            Sources =
            [
                new("a", IPAddress.Parse("127.0.0.11"), Node: "node1"),
                new("b", IPAddress.Parse("127.0.0.12"), Node: "node2"),
                new("any"),
                new("remote-only", IPAddress.Parse("127.0.0.13"), Node: "node2"),
                new("default"),
            ],
            Pools =
            [
                new("mixed", [new("a"), new("b"), new("any")]),
                new("pair", [new("a"), new("b")]),
                new("elsewhere", [new("remote-only")]),
                new("default", [new("default")]),
            ],
            Assignments = [new(null, "transactional", "mixed"), new("t-pair", null, "pair"), new("t-elsewhere", null, "elsewhere")],
            AllowSharedStreams = true,
            Overflow = overflow,
            LocalNode = localNode,
        }));
        var warmup = new WarmupLimiter(_time);
        return (new EgressSelector(config, warmup, _time), warmup);
    }

    private static List<string> Picks(EgressSelector selector, string tenant, int n) =>
        Enumerable.Range(0, n).Select(_ => selector.Select(tenant, null, null, 1).Source!.Name).ToList();

    [Fact]
    public void A_node_picks_its_own_and_unowned_sources_never_another_nodes()
    {
        var (selector, _) = Build("node1");
        var picks = Picks(selector, "t", 40);
        Assert.DoesNotContain("b", picks);
        Assert.Equal(20, picks.Count(p => p == "a"));
        Assert.Equal(20, picks.Count(p => p == "any"));
    }

    [Fact]
    public void The_other_node_picks_its_own_source_from_the_same_pool()
    {
        var (selector, _) = Build("node2");
        var picks = Picks(selector, "t-pair", 10);
        Assert.All(picks, p => Assert.Equal("b", p));
    }

    [Fact]
    public void Node_names_compare_case_insensitively()
    {
        var (selector, _) = Build("NODE1");
        Assert.All(Picks(selector, "t-pair", 6), p => Assert.Equal("a", p));
    }

    [Fact]
    public void Outside_a_cluster_owners_are_ignored_and_every_member_is_used()
    {
        var (selector, _) = Build(localNode: null);
        var picks = Picks(selector, "t-pair", 10);
        Assert.Equal(5, picks.Count(p => p == "a"));
        Assert.Equal(5, picks.Count(p => p == "b"));
        Assert.Equal("remote-only", selector.Select("t-elsewhere", null, null, 1).Source!.Name);
    }

    [Fact]
    public void A_pool_without_a_source_on_this_node_waits_with_a_reason_and_counts_nothing()
    {
        var (selector, warmup) = Build("node1");
        var selection = selector.Select("t-elsewhere", null, null, 3);
        Assert.Null(selection.Source);
        Assert.Equal("elsewhere", selection.Pool);
        Assert.Equal("node1", selection.NoSourceOnNode);
        Assert.Equal(_time.GetUtcNow() + EgressSelector.NoLocalSourceRetry, selection.WaitUntil);
        Assert.Equal("Waiting: pool elsewhere has no source on node node1", selection.WaitReason);
        Assert.Empty(warmup.Volumes());
    }

    [Fact]
    public void A_full_local_source_never_overflows_to_another_nodes_source()
    {
        var (selector, warmup) = Build("node1");
        warmup.ReplaceCaps([new WarmupCap("a", null, 2)]);
        var results = Enumerable.Range(0, 4).Select(_ => selector.Select("t-pair", null, null, 1)).ToList();
        Assert.Equal(["a", "a"], results.Take(2).Select(r => r.Source!.Name));
        Assert.All(results.Skip(2), r =>
        {
            Assert.Null(r.Source);
            Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), r.WaitUntil);
            Assert.Contains("warmup cap", r.WaitReason, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(warmup.Volumes(), v => v.Source == "b");
    }

    [Fact]
    public void IsLocal_follows_the_owner_only_in_a_cluster()
    {
        var plan = new EgressPlan { Sources = [new("a", Node: "node1"), new("u"), new("default")], LocalNode = "node2" };
        Assert.False(plan.IsLocal("a"));
        Assert.True(plan.IsLocal("u"));
        Assert.True((plan with { LocalNode = null }).IsLocal("a"));
        Assert.True((plan with { LocalNode = "Node1" }).IsLocal("a"));
    }
}
