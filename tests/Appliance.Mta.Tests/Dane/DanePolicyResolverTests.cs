using System.Net;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Delivery;
using Appliance.Mta.Dns;
using Appliance.Mta.Security.Tls;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Dane.Fakes;

namespace Appliance.Mta.Tests.Dane;

/// <summary>RFC 7672 §2.2 over the injected resolver: when DANE applies to a plan, to which hosts, and when it defers.</summary>
public sealed class DanePolicyResolverTests
{
    private const string Domain = "example.org";
    private const string Mx1 = "mx1.example.org";
    private const string Mx2 = "mx2.example.org";
    private static readonly TlsaRecord Usable = new(3, 1, 1, new byte[32]);
    private static readonly TlsaRecord Unusable = new(1, 1, 1, new byte[32]);

    private readonly FakeDnssecResolver _dns = new();

    private DanePolicyResolver Resolver => new(_dns);

    private static NextHopPlan Plan(params string[] hosts) =>
        new(NextHopOutcome.Ok, null, [.. hosts.Select((h, i) => new NextHopHost(h, 10 * (i + 1), [IPAddress.Parse("192.0.2." + (i + 1))], 25))],
            string.Join(',', hosts), null);

    private FakeDnssecResolver SecureMx(params string[] hosts) =>
        _dns.Mx(Domain, DnssecStatus.Secure, [.. hosts.Select((h, i) => (h, 10 * (i + 1)))]);

    [Fact]
    public async Task Secure_mx_secure_address_and_usable_tlsa_authenticates_the_host()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Tlsa("_25._tcp." + Mx1, DnssecStatus.Secure, Usable, Unusable);

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1), default);

        Assert.Null(decision.Defer);
        var policy = Assert.Single(decision.Dane!.Hosts.Values);
        Assert.Equal((Mx1, DaneMode.Authenticated), (policy.Host, policy.Mode));
        Assert.Equal(2, policy.Records.Count);
        Assert.StartsWith(DanePolicyResolver.SitePrefix + Domain + "->", decision.Plan.SiteKey, StringComparison.Ordinal);
        Assert.Contains("TLSA _25._tcp." + Mx1, _dns.Queries);
    }

    [Fact]
    public async Task Secure_rrset_of_only_unusable_or_malformed_records_requires_tls_without_authentication()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1")
            .Tlsa("_25._tcp." + Mx1, DnssecStatus.Secure, Unusable, new TlsaRecord(3, 1, 1, new byte[7]), new TlsaRecord(3, 2, 1, new byte[32]));

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1), default);

        Assert.Equal(DaneMode.EncryptOnly, Assert.Single(decision.Dane!.Hosts.Values).Mode);
    }

    [Fact]
    public async Task Insecure_mx_leaves_the_plan_alone_and_asks_for_no_tlsa()
    {
        _dns.Mx(Domain, DnssecStatus.Insecure, (Mx1, 10)).Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Tlsa("_25._tcp." + Mx1, DnssecStatus.Secure, Usable);
        var plan = Plan(Mx1);

        var decision = await Resolver.ResolveAsync(Domain, plan, default);

        Assert.Null(decision.Dane);
        Assert.Null(decision.Defer);
        Assert.Same(plan, decision.Plan);
        Assert.DoesNotContain(_dns.Queries, q => q.StartsWith("TLSA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Insecure_host_address_means_no_dane_for_that_host_and_no_tlsa_lookup()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Insecure, "192.0.2.1").Tlsa("_25._tcp." + Mx1, DnssecStatus.Secure, Usable);

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1), default);

        Assert.Null(decision.Dane);
        Assert.DoesNotContain("TLSA _25._tcp." + Mx1, _dns.Queries);
    }

    [Fact]
    public async Task Insecure_tlsa_rrset_is_ignored()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Tlsa("_25._tcp." + Mx1, DnssecStatus.Insecure, Usable);
        Assert.Null((await Resolver.ResolveAsync(Domain, Plan(Mx1), default)).Dane);
    }

    [Fact]
    public async Task Secure_denial_of_tlsa_means_no_dane()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1"); // no TLSA: the fake answers a secure NXDOMAIN
        Assert.Null((await Resolver.ResolveAsync(Domain, Plan(Mx1), default)).Dane);
    }

    [Fact]
    public async Task Bogus_mx_defers_with_dnssec_invalid()
    {
        _dns.Fail("MX", Domain, DnsStatus.ServerFailure, DnssecStatus.Bogus);
        var failed = NextHopPlan.Transient(new SmtpReply(451, "4.4.3", "DNS temporary failure"), Domain);

        var decision = await Resolver.ResolveAsync(Domain, failed, default);

        Assert.Equal(DaneResultTypes.DnssecInvalid, decision.ResultType);
        Assert.Equal("4.7.5", decision.Defer!.Enhanced!.ToString());
        Assert.Contains("bogus", decision.Defer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_servfail_on_the_mx_stays_the_plans_own_transient_failure()
    {
        _dns.Fail("MX", Domain, DnsStatus.ServerFailure, DnssecStatus.Indeterminate);
        var failed = NextHopPlan.Transient(new SmtpReply(451, "4.4.3", "DNS temporary failure"), Domain);

        var decision = await Resolver.ResolveAsync(Domain, failed, default);

        Assert.Null(decision.Defer);
        Assert.Same(failed, decision.Plan);
    }

    [Fact]
    public async Task Bogus_address_of_the_only_mx_defers_with_dnssec_invalid()
    {
        SecureMx(Mx1).Fail("ADDR", Mx1, DnsStatus.ServerFailure, DnssecStatus.Bogus);
        var failed = NextHopPlan.Transient(new SmtpReply(451, "4.4.4", "No MX host has an address"), Domain);

        var decision = await Resolver.ResolveAsync(Domain, failed, default);

        Assert.Equal(DaneResultTypes.DnssecInvalid, decision.ResultType);
        Assert.Contains(Mx1, decision.Defer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bogus_tlsa_takes_the_host_out_and_the_next_host_is_used()
    {
        SecureMx(Mx1, Mx2)
            .Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Fail("TLSA", "_25._tcp." + Mx1, DnsStatus.ServerFailure, DnssecStatus.Bogus)
            .Address(Mx2, DnssecStatus.Secure, "192.0.2.2").Tlsa("_25._tcp." + Mx2, DnssecStatus.Secure, Usable);

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1, Mx2), default);

        Assert.Equal([Mx2], decision.Plan.Hosts.Select(h => h.Name));
        Assert.Contains(Mx1, Assert.Single(decision.Dane!.Dropped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnssecStatus.Bogus, DnsStatus.ServerFailure)]
    [InlineData(DnssecStatus.Indeterminate, DnsStatus.ServerFailure)]
    [InlineData(DnssecStatus.Indeterminate, DnsStatus.Timeout)]
    public async Task Tlsa_lookup_failure_on_every_host_defers(DnssecStatus security, DnsStatus status)
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Fail("TLSA", "_25._tcp." + Mx1, status, security);

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1), default);

        Assert.Equal("4.7.5", decision.Defer!.Enhanced!.ToString());
        Assert.Equal(DaneResultTypes.DnssecInvalid, decision.ResultType);
    }

    [Fact]
    public async Task Mixed_hosts_keep_dane_for_the_secure_one_only()
    {
        SecureMx(Mx1, Mx2)
            .Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Tlsa("_25._tcp." + Mx1, DnssecStatus.Secure, Usable)
            .Address(Mx2, DnssecStatus.Insecure, "192.0.2.2");

        var decision = await Resolver.ResolveAsync(Domain, Plan(Mx1, Mx2), default);

        Assert.Equal(2, decision.Plan.Hosts.Count);
        Assert.NotNull(decision.Dane!.For(Mx1));
        Assert.Null(decision.Dane.For(Mx2));
    }

    [Fact]
    public async Task Implicit_mx_with_a_secure_denial_uses_the_domain_as_tlsa_base()
    {
        _dns.Mx(Domain, DnssecStatus.Secure).Address(Domain, DnssecStatus.Secure, "192.0.2.9").Tlsa("_25._tcp." + Domain, DnssecStatus.Secure, Usable);

        var decision = await Resolver.ResolveAsync(Domain, Plan(Domain), default);

        Assert.NotNull(decision.Dane!.For(Domain));
    }

    [Fact]
    public async Task Tlsa_name_follows_the_hosts_port()
    {
        SecureMx(Mx1).Address(Mx1, DnssecStatus.Secure, "192.0.2.1").Tlsa("_2525._tcp." + Mx1, DnssecStatus.Secure, Usable);
        var plan = Plan(Mx1) with { Hosts = [new NextHopHost(Mx1, 10, [IPAddress.Parse("192.0.2.1")], 2525)] };

        var decision = await Resolver.ResolveAsync(Domain, plan, default);

        Assert.NotNull(decision.Dane!.For(Mx1));
    }

    [Fact]
    public async Task Static_route_is_left_alone_without_any_lookup()
    {
        var plan = Plan(Mx1) with { Route = new Route(Domain, "smarthost.example", 587) };
        var decision = await Resolver.ResolveAsync(Domain, plan, default);
        Assert.Null(decision.Dane);
        Assert.Empty(_dns.Queries);
    }
}
