using Appliance.Mta.Configuration;
using Appliance.Mta.Shaping;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace Appliance.Mta.Tests.Shaping;

public sealed class TrafficShaperTests
{
    private const string GmailSite = "alt1.gmail-smtp-in.l.google.com,gmail-smtp-in.l.google.com";
    private readonly MtaOptions _options = new() { Delivery = { MaxConnectionsPerSite = 32, MessagesPerConnection = 100 } };

    private TrafficShaper Shaper() => new(new MtaSettings(_options), new BackoffTracker(new FakeTimeProvider()));

    [Fact]
    public void A_provider_site_gets_the_provider_limits_and_says_so()
    {
        var e = Shaper().Resolve("ip1", GmailSite, "gmail.com");
        Assert.Equal("gmail", e.Provider);
        Assert.Equal(new EffectiveLimit<int>(10, LimitOrigin.Provider, "gmail"), e.MaxConnections);
        Assert.Equal(LimitOrigin.Default, e.RetryInterval.Origin);
        Assert.Contains(e.BackoffRules, b => b.Name == "gmail-rate-limited");
        Assert.Contains(e.BackoffRules, b => b.Name == "too-many-connections"); // global
    }

    [Fact]
    public void Mx_suffixes_match_at_a_label_boundary_only()
    {
        var shaper = Shaper();
        Assert.Null(shaper.Resolve("ip1", "mx.notgoogle.com", "example.com").Provider);
        Assert.Equal("gmail", shaper.Resolve("ip1", "aspmx.l.google.com", "customer.example").Provider); // Google Workspace
        Assert.Equal("yahoo", shaper.Resolve("ip1", "mta5.am0.yahoodns.net", "yahoo.com").Provider);
    }

    [Fact]
    public void A_rule_naming_a_smart_hosts_host_applies_to_the_route_site()
    {
        // Regression (bench/RESULTS.md, cluster.sh): a smart host's site key is route:{host}:{port}; an MX-suffix rule
        // naming the route's host never matched it, so no rate was in force.
        var shaper = Shaper();
        Assert.Empty(shaper.ReplaceOverrides([
            new ShapingRule { Name = "relay", Mx = ["127.0.0.1"], Limits = new() { MaxConnections = 2, MessageRate = MessageRate.Parse("10/s") } },
            new ShapingRule { Name = "smarthost", Mx = ["relay.example.net"], Limits = new() { MaxConnections = 3 } },
        ]));
        var route = shaper.Resolve("ip1", "route:127.0.0.1:2525", "sink.test");
        Assert.Equal(new EffectiveLimit<int>(2, LimitOrigin.Override, "relay"), route.MaxConnections);
        Assert.Equal("10/s", route.MessageRate.Value!.ToString());
        Assert.Equal(new EffectiveLimit<int>(3, LimitOrigin.Override, "smarthost"), shaper.Resolve("ip1", "route:smtp.relay.example.net:587", "x.test").MaxConnections);
        Assert.Equal(LimitOrigin.Default, shaper.Resolve("ip1", "route:127.0.0.12:2525", "sink.test").MaxConnections.Origin);
    }

    [Theory]
    [InlineData("route:127.0.0.1:2525", "127.0.0.1")]
    [InlineData("route:smtp.relay.example:587", "smtp.relay.example")]
    [InlineData("route:::1:25", "::1")]
    [InlineData("route:[::1]:25", "::1")]
    [InlineData("mx1.example.net,mx2.example.net", "mx1.example.net|mx2.example.net")]
    public void Site_hosts_are_the_mx_list_or_the_routes_host(string site, string hosts)
    {
        Assert.Equal(hosts.Split('|'), TrafficShaper.HostsOf(site));
    }

    [Fact]
    public void Other_sites_use_the_engine_defaults()
    {
        var e = Shaper().Resolve("ip1", "mx.example.net", "example.net");
        Assert.Null(e.Provider);
        Assert.Equal(new EffectiveLimit<int>(32, LimitOrigin.Default), e.MaxConnections);
        Assert.Null(e.MessageRate.Value);
    }

    [Fact]
    public void Overrides_refine_a_provider_and_source_specific_ones_win()
    {
        var shaper = Shaper();
        Assert.Empty(shaper.ReplaceOverrides([
            new ShapingRule { Name = "gmail-all", Provider = "gmail", Limits = new() { MaxConnections = 4, MessageRate = MessageRate.Parse("100/min") } },
            new ShapingRule { Name = "gmail-ip2", Provider = "gmail", Source = "ip2", Limits = new() { MaxConnections = 1 } },
        ]));
        var ip1 = shaper.Resolve("ip1", GmailSite, "gmail.com");
        Assert.Equal(new EffectiveLimit<int>(4, LimitOrigin.Override, "gmail-all"), ip1.MaxConnections);
        Assert.Equal(new EffectiveLimit<int>(50, LimitOrigin.Provider, "gmail"), ip1.MessagesPerConnection);
        var ip2 = shaper.Resolve("ip2", GmailSite, "gmail.com");
        Assert.Equal(new EffectiveLimit<int>(1, LimitOrigin.Override, "gmail-ip2"), ip2.MaxConnections);
        Assert.Equal("100/min", ip2.MessageRate.Value!.ToString());
    }

    [Fact]
    public void An_invalid_override_is_refused_and_the_old_rules_stay()
    {
        var shaper = Shaper();
        var errors = shaper.ReplaceOverrides([new ShapingRule { Name = "bad", Mx = ["x.test"], Backoff = [new BackoffRule { Name = "b", Pattern = "(" }] }]);
        Assert.Contains(errors, e => e.Contains("bad pattern", StringComparison.Ordinal));
        Assert.Empty(shaper.Rules.Overrides);
    }

    [Fact]
    public void A_throttle_backoff_lowers_the_rate_and_names_itself()
    {
        var e = Shaper().Resolve("ip1", GmailSite, "gmail.com");
        var backoff = new ActiveBackoff("slow", BackoffAction.Throttle, BackoffScope.Queue, "ip1->x", MessageRate.Parse("6/min"), "421 4.7.0 slow down", 3,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));
        var throttled = e.Throttled(backoff);
        Assert.Equal(LimitOrigin.Backoff, throttled.MessageRate.Origin);
        Assert.Equal("6/min", throttled.MessageRate.Value!.ToString());
    }
}
