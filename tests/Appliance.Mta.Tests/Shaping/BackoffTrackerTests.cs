using Appliance.Mta.Shaping;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Shaping;

public sealed class BackoffTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    private static readonly BackoffRule Rule = new()
    {
        Name = "rate", Pattern = @"^421 4\.7\.28", Threshold = 3, Window = TimeSpan.FromMinutes(5), Action = BackoffAction.Suspend, Duration = TimeSpan.FromMinutes(30),
    };

    [Fact]
    public void Fires_at_the_threshold_within_the_window_and_expires_after_its_duration()
    {
        var tracker = new BackoffTracker(_time);
        Assert.Empty(tracker.Observe("ip1", "site", [Rule], "421 4.7.28 slow down"));
        Assert.Empty(tracker.Observe("ip1", "site", [Rule], "450 4.2.1 mailbox busy")); // does not match
        Assert.Empty(tracker.Observe("ip1", "site", [Rule], "421 4.7.28 slow down"));
        var fired = Assert.Single(tracker.Observe("ip1", "site", [Rule], "421 4.7.28 slow down"));
        Assert.Equal(("rate", "ip1->site", 3), (fired.Rule, fired.Key, fired.Matches));
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), fired.Until);
        Assert.Single(tracker.For("ip1", "site"));
        Assert.Empty(tracker.For("ip2", "site")); // queue scope: another source is not affected

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(tracker.For("ip1", "site"));
        Assert.Empty(tracker.Active());
    }

    [Fact]
    public void Matches_spread_wider_than_the_window_do_not_fire()
    {
        var tracker = new BackoffTracker(_time);
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty(tracker.Observe("ip1", "site", [Rule], "421 4.7.28 slow down"));
            _time.Advance(TimeSpan.FromMinutes(3));
        }
    }

    [Fact]
    public void Site_and_source_scopes_cover_every_matching_queue()
    {
        var tracker = new BackoffTracker(_time);
        var site = Rule with { Name = "site", Threshold = 1, Scope = BackoffScope.Site };
        var source = Rule with { Name = "source", Threshold = 1, Scope = BackoffScope.Source };
        tracker.Observe("ip1", "gmail", [site], "421 4.7.28 x");
        tracker.Observe("ip3", "yahoo", [source], "421 4.7.28 x");
        Assert.Equal("site", Assert.Single(tracker.For("ip2", "gmail")).Rule);
        Assert.Equal("source", Assert.Single(tracker.For("ip3", "outlook")).Rule);
        Assert.Empty(tracker.For("ip2", "yahoo"));
        Assert.True(tracker.Clear("site", "gmail"));
        Assert.Empty(tracker.For("ip2", "gmail"));
    }

    [Fact]
    public void The_rate_gate_spaces_sends_across_callers()
    {
        var gate = new RateGate();
        var now = _time.GetUtcNow();
        var rate = MessageRate.Parse("10/s");
        Assert.Equal(TimeSpan.Zero, gate.Reserve(rate, now));
        Assert.Equal(TimeSpan.FromMilliseconds(100), gate.Reserve(rate, now));
        Assert.Equal(TimeSpan.FromMilliseconds(200), gate.Reserve(rate, now));
        Assert.Equal(TimeSpan.Zero, gate.Reserve(rate, now.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, gate.Reserve(null, now));
    }

    [Fact]
    public void Fired_and_cleared_backoffs_are_published_and_other_nodes_ones_applied_until_they_expire()
    {
        var store = new RecordingStore();
        var tracker = new BackoffTracker(_time, store);
        var site = Rule with { Name = "site", Threshold = 1, Scope = BackoffScope.Site };
        var fired = Assert.Single(tracker.Observe("ip1", "gmail", [site], "421 4.7.28 x"));
        Assert.Same(fired, Assert.Single(store.Published));
        Assert.True(tracker.Clear("site", "gmail"));
        Assert.Equal(("site", "gmail"), Assert.Single(store.Cleared));

        // Another node's backoff: applied, not published again; an older copy does not shorten it; removed on notice.
        var remote = fired with { Rule = "remote", Until = _time.GetUtcNow().AddMinutes(5) };
        Assert.True(tracker.Apply(remote));
        Assert.False(tracker.Apply(remote with { Until = _time.GetUtcNow().AddMinutes(1) }));
        Assert.Equal(remote.Until, Assert.Single(tracker.For("ip2", "gmail")).Until);
        Assert.Single(store.Published);
        Assert.False(tracker.Apply(remote with { Rule = "expired", Until = _time.GetUtcNow() }));
        Assert.True(tracker.Remove("remote", "gmail"));
        Assert.Empty(tracker.Active());
        Assert.Single(store.Cleared);
    }

    private sealed class RecordingStore : IBackoffStore
    {
        public List<ActiveBackoff> Published { get; } = [];
        public List<(string, string)> Cleared { get; } = [];

        public void Publish(ActiveBackoff backoff) => Published.Add(backoff);

        public void PublishCleared(string rule, string key) => Cleared.Add((rule, key));
    }
}
