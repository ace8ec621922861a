using Appliance.Mta.Egress;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Egress;

public sealed class EgressSelectorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    private (EgressSelector Selector, WarmupLimiter Warmup) Build(WarmupOverflow overflow = WarmupOverflow.WarmSources, int weightA = 3, int weightB = 1)
    {
        var config = new EgressConfiguration();
        Assert.Empty(config.Replace(new EgressPlan
        {
            Sources = [new("a"), new("b"), new("default")],
            Pools = [new("pool", [new("a", weightA), new("b", weightB)]), new("default", [new("default")])],
            Assignments = [new(null, null, "pool")],
            Overflow = overflow,
        }));
        var warmup = new WarmupLimiter(_time);
        return (new EgressSelector(config, warmup), warmup);
    }

    [Fact]
    public void Weights_give_each_source_its_exact_share()
    {
        var (selector, _) = Build();
        var picks = Enumerable.Range(0, 400).Select(_ => selector.Select("t", null, null, 1).Source!.Name).ToList();
        Assert.Equal(300, picks.Count(p => p == "a"));
        Assert.Equal(100, picks.Count(p => p == "b"));
        // Smooth: never more than three a's in a row at 3:1.
        Assert.DoesNotContain("aaaa", string.Concat(picks));
    }

    [Fact]
    public void A_full_warming_source_overflows_to_the_warm_one()
    {
        var (selector, warmup) = Build(weightA: 1, weightB: 1);
        warmup.ReplaceCaps([new WarmupCap("a", null, 5)]);
        var picks = Enumerable.Range(0, 20).Select(_ => selector.Select("t", null, null, 1).Source!.Name).ToList();
        Assert.Equal(5, picks.Count(p => p == "a"));
        Assert.Equal(15, picks.Count(p => p == "b"));
        Assert.Equal(5, warmup.Volumes().Single(v => v.Source == "a" && v.Provider is null).Sent);
    }

    [Fact]
    public void With_wait_overflow_mail_for_a_full_source_waits_for_the_next_day_and_the_cap_reopens()
    {
        var (selector, warmup) = Build(WarmupOverflow.Wait, weightA: 1, weightB: 1);
        warmup.ReplaceCaps([new WarmupCap("a", null, 2), new WarmupCap("b", null, 2)]);
        var results = Enumerable.Range(0, 6).Select(_ => selector.Select("t", null, null, 1)).ToList();
        Assert.Equal(4, results.Count(r => r.Source is not null));
        var waits = results.Where(r => r.Source is null).ToList();
        Assert.Equal(2, waits.Count);
        Assert.All(waits, w => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), w.WaitUntil));

        _time.Advance(TimeSpan.FromHours(14)); // the next UTC day
        Assert.NotNull(selector.Select("t", null, null, 1).Source);
    }

    [Fact]
    public void A_per_provider_cap_limits_only_that_provider()
    {
        var (selector, warmup) = Build(WarmupOverflow.Wait, weightA: 1, weightB: 1);
        warmup.ReplaceCaps([new WarmupCap("a", "gmail", 1), new WarmupCap("b", "gmail", 1)]);
        Assert.NotNull(selector.Select("t", null, "gmail", 1).Source);
        Assert.NotNull(selector.Select("t", null, "gmail", 1).Source);
        Assert.Null(selector.Select("t", null, "gmail", 1).Source);
        Assert.NotNull(selector.Select("t", null, "yahoo", 1).Source);
        Assert.NotNull(selector.Select("t", null, null, 1).Source);
    }

    [Fact]
    public void Volumes_count_outcomes_per_source_day_and_provider()
    {
        var (_, warmup) = Build();
        warmup.RecordDelivered("a", "gmail", 3);
        warmup.RecordBounced("a", "gmail");
        warmup.RecordDeferred("a", null, 2);
        var all = warmup.Volumes().Single(v => v.Source == "a" && v.Provider is null);
        Assert.Equal((3L, 1L, 2L), (all.Delivered, all.Bounced, all.Deferred));
        var gmail = warmup.Volumes().Single(v => v.Source == "a" && v.Provider == "gmail");
        Assert.Equal((3L, 1L, 0L), (gmail.Delivered, gmail.Bounced, gmail.Deferred));
        Assert.Equal(new DateOnly(2026, 11, 30), all.Day);
    }
}
