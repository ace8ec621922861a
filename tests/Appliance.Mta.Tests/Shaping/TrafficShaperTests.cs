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
