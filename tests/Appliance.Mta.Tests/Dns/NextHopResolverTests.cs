using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Appliance.Mta.Tests.Dns.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Dns;

public class NextHopResolverTests
{
    private readonly FakeDnsResolver _dns = new();
    private readonly FakeTimeProvider _time = new();

    private NextHopResolver Resolver(IRouteTable? routes = null, int seed = 1) =>
        new(_dns, routes ?? new FakeRouteTable(), new MtaSettings(new MtaOptions { Delivery = { Port = 2525 } }), _time, new Random(seed));

    [Fact]
    public async Task Mx_hosts_are_ordered_by_preference_with_addresses_and_default_port()
    {
        _dns.AddMx("example.com", "mx2.example.com", 20).AddMx("example.com", "mx1.example.com", 10)
            .AddAddress("mx1.example.com", "192.0.2.1").AddAddress("mx2.example.com", "192.0.2.2");

        var plan = await Resolver().ResolveAsync("Example.COM", default);

        Assert.Equal(NextHopOutcome.Ok, plan.Outcome);
        Assert.Null(plan.Failure);
        Assert.Equal(["mx1.example.com", "mx2.example.com"], plan.Hosts.Select(h => h.Name));
        Assert.Equal([10, 20], plan.Hosts.Select(h => h.Preference));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), Assert.Single(plan.Hosts[0].Addresses));
        Assert.All(plan.Hosts, h => Assert.Equal(2525, h.Port));
        Assert.Equal("mx1.example.com,mx2.example.com", plan.SiteKey);
        Assert.Null(plan.Route);
    }

    [Fact]
    public async Task Default_port_is_read_from_the_snapshot_in_force_at_each_resolution()
    {
        _dns.AddMx("example.com", "mx1.example.com", 10).AddAddress("mx1.example.com", "192.0.2.1");
        var settings = new MtaSettings(new MtaOptions { Delivery = { Port = 2525 } });
        var resolver = new NextHopResolver(_dns, new FakeRouteTable(), settings, _time);
        Assert.Equal(2525, Assert.Single((await resolver.ResolveAsync("example.com", default)).Hosts).Port);

        Assert.Empty(settings.TryPublish(o => o with { Delivery = o.Delivery with { Port = 2626 } }));

        // Same resolver, within the plan cache time: the new port is used at once (it is part of the cache key).
        Assert.Equal(2626, Assert.Single((await resolver.ResolveAsync("example.com", default)).Hosts).Port);
    }

    [Fact]
    public async Task Equal_preferences_are_shuffled_but_never_ahead_of_a_lower_preference()
    {
        _dns.AddMx("example.com", "a.example.com", 10).AddMx("example.com", "b.example.com", 10)
            .AddMx("example.com", "c.example.com", 10).AddMx("example.com", "z.example.com", 5)
            .AddMx("example.com", "last.example.com", 30);
        foreach (var h in new[] { "a", "b", "c", "z", "last" }) _dns.AddAddress($"{h}.example.com", "192.0.2.9");
        var resolver = Resolver(seed: 42);

        var orders = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            var plan = await resolver.ResolveAsync("example.com", default);
            Assert.Equal("z.example.com", plan.Hosts[0].Name);
            Assert.Equal("last.example.com", plan.Hosts[4].Name);
            Assert.Equal(["a.example.com", "b.example.com", "c.example.com"], plan.Hosts.Skip(1).Take(3).Select(h => h.Name).Order());
            orders.Add(string.Join(' ', plan.Hosts.Skip(1).Take(3).Select(h => h.Name)));
        }
        Assert.True(orders.Count > 1, "equal-preference hosts should not always come in the same order");
    }

    [Fact]
    public async Task Shuffle_is_reproducible_with_the_same_seed()
    {
        _dns.AddMx("example.com", "a.example.com", 10).AddMx("example.com", "b.example.com", 10).AddMx("example.com", "c.example.com", 10);
        foreach (var h in new[] { "a", "b", "c" }) _dns.AddAddress($"{h}.example.com", "192.0.2.9");

        async Task<string> Sequence()
        {
            var r = Resolver(seed: 7);
            var parts = new List<string>();
            for (var i = 0; i < 5; i++) parts.Add(string.Join(',', (await r.ResolveAsync("example.com", default)).Hosts.Select(h => h.Name)));
            return string.Join('|', parts);
        }

        Assert.Equal(await Sequence(), await Sequence());
    }

    [Fact]
    public async Task No_mx_records_uses_the_domain_itself_as_implicit_mx()
    {
        _dns.AddAddress("plain.example", "192.0.2.7", "2001:db8::7");

        var plan = await Resolver().ResolveAsync("plain.example", default);

        Assert.Equal(NextHopOutcome.Ok, plan.Outcome);
        var host = Assert.Single(plan.Hosts);
        Assert.Equal("plain.example", host.Name);
        Assert.Equal(0, host.Preference);
        Assert.Equal("plain.example", plan.SiteKey);
    }

    [Fact]
    public async Task Ipv4_addresses_come_before_ipv6_and_both_are_kept()
    {
        _dns.AddMx("example.com", "mx.example.com", 10).AddAddress("mx.example.com", "2001:db8::1", "192.0.2.1", "2001:db8::2");

        var plan = await Resolver().ResolveAsync("example.com", default);

        Assert.Equal(["192.0.2.1", "2001:db8::1", "2001:db8::2"], plan.Hosts[0].Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public async Task No_mx_and_no_address_is_permanent_550_5_1_2()
    {
        _dns.AddEmptyName("empty.example");

        var plan = await Resolver().ResolveAsync("empty.example", default);

        Assert.Equal(NextHopOutcome.PermanentFailure, plan.Outcome);
        Assert.Equal(550, plan.Failure!.Code);
        Assert.Equal("5.1.2", plan.Failure.Enhanced.ToString());
        Assert.Empty(plan.Hosts);
    }

    [Fact]
    public async Task Null_mx_is_permanent_556_5_1_10()
    {
        _dns.AddMx("nomail.example", ".", 0);

        var plan = await Resolver().ResolveAsync("nomail.example", default);

        Assert.Equal(NextHopOutcome.PermanentFailure, plan.Outcome);
        Assert.Equal(556, plan.Failure!.Code);
        Assert.Equal("5.1.10", plan.Failure.Enhanced.ToString());
    }

    [Fact]
    public async Task Nxdomain_is_permanent_550_5_1_2()
    {
        var plan = await Resolver().ResolveAsync("nonexistent.example", default);

        Assert.Equal(NextHopOutcome.PermanentFailure, plan.Outcome);
        Assert.Equal(550, plan.Failure!.Code);
        Assert.Equal("5.1.2", plan.Failure.Enhanced.ToString());
    }

    [Theory]
    [InlineData(DnsStatus.ServerFailure)]
    [InlineData(DnsStatus.Timeout)]
    public async Task Servfail_or_timeout_on_mx_is_transient_451_4_4_3(DnsStatus status)
    {
        _dns.FailMx("flaky.example", status);

        var plan = await Resolver().ResolveAsync("flaky.example", default);

        Assert.Equal(NextHopOutcome.TransientFailure, plan.Outcome);
        Assert.Equal(451, plan.Failure!.Code);
        Assert.Equal("4.4.3", plan.Failure.Enhanced.ToString());
    }

    [Fact]
    public async Task Servfail_on_implicit_mx_address_is_transient()
    {
        _dns.AddEmptyName("implicit.example").FailAddress("implicit.example", DnsStatus.ServerFailure);

        var plan = await Resolver().ResolveAsync("implicit.example", default);

        Assert.Equal(NextHopOutcome.TransientFailure, plan.Outcome);
    }

    [Fact]
    public async Task Mx_host_without_address_is_skipped_and_the_others_used()
    {
        _dns.AddMx("example.com", "dead.example.com", 5).AddMx("example.com", "broken.example.com", 7)
            .AddMx("example.com", "live.example.com", 10).AddAddress("live.example.com", "192.0.2.3")
            .FailAddress("broken.example.com", DnsStatus.ServerFailure);

        var plan = await Resolver().ResolveAsync("example.com", default);

        Assert.Equal(NextHopOutcome.Ok, plan.Outcome);
        Assert.Equal("live.example.com", Assert.Single(plan.Hosts).Name);
        Assert.Equal("broken.example.com,dead.example.com,live.example.com", plan.SiteKey);
    }

    [Fact]
    public async Task No_mx_host_resolving_is_transient()
    {
        _dns.AddMx("example.com", "dead1.example.com", 5).AddMx("example.com", "dead2.example.com", 10);

        var plan = await Resolver().ResolveAsync("example.com", default);

        Assert.Equal(NextHopOutcome.TransientFailure, plan.Outcome);
        Assert.Equal(4, plan.Failure!.Enhanced!.Value.Class);
        Assert.True(plan.Failure.IsTransient);
    }

    [Fact]
    public async Task Exact_route_wins_over_wildcard_and_over_mx()
    {
        _dns.AddMx("special.example", "mx.special.example", 10).AddAddress("mx.special.example", "192.0.2.50")
            .AddAddress("relay.internal", "10.1.2.3");
        var routes = new FakeRouteTable(
            new Route("*", "smarthost.internal", 587, "u", "p", TlsMode.Required),
            new Route("special.example", "relay.internal", 2526));
        _dns.AddAddress("smarthost.internal", "10.9.9.9");
        var resolver = Resolver(routes);

        var special = await resolver.ResolveAsync("special.example", default);
        var other = await resolver.ResolveAsync("other.example", default);

        Assert.Equal(NextHopOutcome.Ok, special.Outcome);
        Assert.Equal("relay.internal", Assert.Single(special.Hosts).Name);
        Assert.Equal(2526, special.Hosts[0].Port);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), special.Hosts[0].Addresses[0]);
        Assert.Equal("route:relay.internal:2526", special.SiteKey);
        Assert.Equal("special.example", special.Route!.Domain);

        Assert.Equal("smarthost.internal", Assert.Single(other.Hosts).Name);
        Assert.Equal(587, other.Hosts[0].Port);
        Assert.Equal(TlsMode.Required, other.Route!.Tls);
        Assert.Equal("u", other.Route.Username);
        Assert.Equal("route:smarthost.internal:587", other.SiteKey);
        Assert.DoesNotContain("MX special.example", _dns.Queries);
        Assert.DoesNotContain("MX other.example", _dns.Queries);
    }

    [Fact]
    public async Task Route_to_ip_literal_needs_no_dns_and_port_zero_means_default()
    {
        var routes = new FakeRouteTable(new Route("lit.example", "[127.0.0.9]", 0));

        var plan = await Resolver(routes).ResolveAsync("lit.example", default);

        Assert.Equal(IPAddress.Parse("127.0.0.9"), Assert.Single(plan.Hosts).Addresses.Single());
        Assert.Equal(2525, plan.Hosts[0].Port);
        Assert.Empty(_dns.Queries);
    }

    [Fact]
    public async Task Unresolvable_route_host_is_transient_not_a_bounce()
    {
        var routes = new FakeRouteTable(new Route("x.example", "missing.internal", 25));

        var plan = await Resolver(routes).ResolveAsync("x.example", default);

        Assert.Equal(NextHopOutcome.TransientFailure, plan.Outcome);
        Assert.NotNull(plan.Route);
    }

    [Fact]
    public async Task Domains_sharing_an_mx_set_share_the_site_key()
    {
        _dns.AddMx("a.example", "ASPMX.L.GOOGLE.COM", 1).AddMx("a.example", "alt1.aspmx.l.google.com", 5)
            .AddMx("b.example", "alt1.aspmx.l.google.com", 10).AddMx("b.example", "aspmx.l.google.com", 20)
            .AddMx("c.example", "aspmx.l.google.com", 1)
            .AddAddress("aspmx.l.google.com", "192.0.2.20").AddAddress("ASPMX.L.GOOGLE.COM", "192.0.2.20")
            .AddAddress("alt1.aspmx.l.google.com", "192.0.2.21");
        var resolver = Resolver();

        var a = await resolver.ResolveAsync("a.example", default);
        var b = await resolver.ResolveAsync("b.example", default);
        var c = await resolver.ResolveAsync("c.example", default);

        Assert.Equal("alt1.aspmx.l.google.com,aspmx.l.google.com", a.SiteKey);
        Assert.Equal(a.SiteKey, b.SiteKey);
        Assert.NotEqual(a.SiteKey, c.SiteKey);
    }

    [Fact]
    public async Task Plans_are_cached_until_the_cache_time_passes()
    {
        _dns.AddMx("example.com", "mx.example.com", 10).AddAddress("mx.example.com", "192.0.2.1");
        var resolver = Resolver();

        await resolver.ResolveAsync("example.com", default);
        await resolver.ResolveAsync("example.com", default);
        var afterTwo = _dns.Queries.Count(q => q == "MX example.com");
        _time.Advance(NextHopResolver.PlanCacheTime + TimeSpan.FromSeconds(1));
        await resolver.ResolveAsync("example.com", default);

        Assert.Equal(1, afterTwo);
        Assert.Equal(2, _dns.Queries.Count(q => q == "MX example.com"));
    }

    [Fact]
    public async Task Transient_failures_are_cached_for_a_shorter_time()
    {
        _dns.FailMx("flaky.example", DnsStatus.ServerFailure);
        var resolver = Resolver();

        await resolver.ResolveAsync("flaky.example", default);
        _time.Advance(NextHopResolver.TransientCacheTime + TimeSpan.FromSeconds(1));
        await resolver.ResolveAsync("flaky.example", default);

        Assert.Equal(2, _dns.Queries.Count(q => q == "MX flaky.example"));
    }
}
