using System.Net;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.DomainHealth;
using Appliance.Mta.Egress;
using Appliance.Mta.Tests.Delivery.MtaSts;
using Appliance.Mta.Tests.Dns.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.DomainHealth;

/// <summary>SPF and FCrDNS per egress source (each against its own EHLO name), and the warning when there is none.</summary>
public sealed class SendingSourceChecksTests : IDisposable
{
    private readonly FakeDnsResolver _dns = new();
    private readonly FakePolicyHttpHandler _http = new();
    private readonly MtaStsPolicyFetcher _fetcher;

    public SendingSourceChecksTests()
    {
        _fetcher = new MtaStsPolicyFetcher(new MtaStsOptions(), _http);
        _dns.AddTxt("example.com", "v=spf1 ip4:192.0.2.0/24 -all")
            .AddPtr("192.0.2.10", "tx.example.com").AddAddress("tx.example.com", "192.0.2.10")
            // The marketing source: its PTR names its own EHLO name, not the appliance's host name.
            .AddPtr("198.51.100.7", "mkt.example.com").AddAddress("mkt.example.com", "198.51.100.7")
            // A third source whose PTR names the host name although it says another EHLO name.
            .AddPtr("192.0.2.20", "host.example.com").AddAddress("host.example.com", "192.0.2.20");
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        _http.Dispose();
    }

    private Task<DomainHealthReport> CheckAsync(params SendingSource[] sources) =>
        new DomainHealthChecker(_dns, new FakeTimeProvider(), _fetcher).CheckAsync(new DomainHealthRequest
        {
            Domain = "example.com",
            Sources = sources,
            EhloName = "host.example.com",
            HostAddresses = [IPAddress.Parse("203.0.113.5"), IPAddress.Parse("2001:db8::5")],
        }, CancellationToken.None);

    private static DnsCheckResult Get(DomainHealthReport r, string check) => r.Checks.Single(c => c.Check == check);

    [Fact]
    public async Task Each_source_is_checked_against_spf_and_the_summary_fix_adds_the_missing_one()
    {
        var report = await CheckAsync(new("tx", IPAddress.Parse("192.0.2.10"), "tx.example.com"), new("mkt", IPAddress.Parse("198.51.100.7"), "mkt.example.com"));

        Assert.Equal(DnsCheckStatus.Pass, Get(report, "spf:tx").Status);
        var mkt = Get(report, "spf:mkt");
        Assert.Equal(DnsCheckStatus.Fail, mkt.Status);
        Assert.Contains("mkt (198.51.100.7)", mkt.Explanation, StringComparison.Ordinal);
        var summary = Get(report, "spf");
        Assert.Equal(DnsCheckStatus.Fail, summary.Status);
        Assert.Equal("v=spf1 ip4:198.51.100.7 ip4:192.0.2.0/24 -all", summary.Fix!.Value);
    }

    [Fact]
    public async Task Ptr_of_each_source_is_compared_with_that_sources_ehlo_name_not_the_host_name()
    {
        var report = await CheckAsync(new("mkt", IPAddress.Parse("198.51.100.7"), "mkt.example.com"), new("odd", IPAddress.Parse("192.0.2.20"), "odd.example.com"));

        var mkt = Get(report, "ptr:198.51.100.7");
        Assert.Equal(DnsCheckStatus.Pass, mkt.Status);
        Assert.Contains("Source mkt", mkt.Explanation, StringComparison.Ordinal);
        // Its PTR is the host name, but this source says odd.example.com in EHLO.
        var odd = Get(report, "ptr:192.0.2.20");
        Assert.Equal(DnsCheckStatus.Warn, odd.Status);
        Assert.Equal("odd.example.com.", odd.Fix!.Value);
    }

    [Fact]
    public async Task Without_sources_spf_and_ptr_warn_and_name_the_host_addresses()
    {
        var report = await CheckAsync();

        var spf = Get(report, "spf");
        Assert.Equal(DnsCheckStatus.Warn, spf.Status);
        Assert.Contains("203.0.113.5, 2001:db8::5", spf.Explanation, StringComparison.Ordinal);
        var ptr = Get(report, "ptr");
        Assert.Equal(DnsCheckStatus.Warn, ptr.Status);
        Assert.Contains("203.0.113.5", ptr.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Checks, c => c.Check.StartsWith("spf:", StringComparison.Ordinal) || c.Check.StartsWith("ptr:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extra_addresses_are_checked_with_the_host_name_besides_the_sources()
    {
        var report = await new DomainHealthChecker(_dns, new FakeTimeProvider(), _fetcher).CheckAsync(new DomainHealthRequest
        {
            Domain = "example.com",
            Sources = [new("tx", IPAddress.Parse("192.0.2.10"), "tx.example.com")],
            SendingIps = [IPAddress.Parse("192.0.2.20")],
            EhloName = "host.example.com",
        }, CancellationToken.None);

        Assert.Equal(["spf", "spf:tx", "spf:192.0.2.20"], report.Checks.Where(c => c.Check.StartsWith("spf", StringComparison.Ordinal)).Select(c => c.Check));
        Assert.Equal(DnsCheckStatus.Pass, Get(report, "ptr:192.0.2.20").Status);
        Assert.Equal(DnsCheckStatus.Pass, Get(report, "ptr:192.0.2.10").Status);
    }

    [Fact]
    public void Plan_sources_for_a_tenant_are_the_members_of_the_pools_its_streams_use()
    {
        var plan = new EgressPlan
        {
            Sources = [new("default"), new("tx", IPAddress.Parse("192.0.2.10")), new("mkt", IPAddress.Parse("198.51.100.7")), new("other", IPAddress.Parse("192.0.2.99"))],
            Pools =
            [
                new("default", [new EgressPoolMember("default")]),
                new("tx", [new EgressPoolMember("tx")]),
                new("mkt", [new EgressPoolMember("mkt")]),
                new("other", [new EgressPoolMember("other")]),
            ],
            Assignments = [new("acme", "transactional", "tx"), new("acme", "marketing", "mkt"), new("globex", null, "other")],
        };

        Assert.Equal(["tx", "mkt"], plan.SourcesFor("acme").Select(s => s.Name));
        Assert.Equal(["other"], plan.SourcesFor("globex").Select(s => s.Name));
        Assert.Equal(["default"], plan.SourcesFor("initech").Select(s => s.Name));
    }
}
