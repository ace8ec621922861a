using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Modules.Reports;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Domains;

/// <summary>The records to publish come from the configuration: right SPF addresses, report mailboxes the appliance reads.</summary>
public sealed class DnsRecordAdvisorTests
{
    private sealed class FixedHostAddresses(params string[] addresses) : HostAddresses
    {
        public override IReadOnlyList<IPAddress> List() => addresses.Select(IPAddress.Parse).ToList();
    }

    private static DnsRecordAdvisor Advisor(EgressPlan? plan = null, HostAddresses? host = null, ReportsOptions? reports = null, params string[] sendingIps)
    {
        var egress = new EgressConfiguration();
        if (plan is not null) Assert.Empty(egress.Replace(plan));
        return new DnsRecordAdvisor(egress, host ?? new FixedHostAddresses("192.0.2.1", "2001:db8::1"),
            Options.Create(new MtaOptions { Hostname = "mta.example.net" }), Options.Create(new DkimOptions { SendingIps = [.. sendingIps] }),
            Options.Create(reports ?? new ReportsOptions()));
    }

    private static SendingDomain Domain(string name = "shop.example", string tenant = "shop", string? returnPath = null) => new()
    {
        Name = name, TenantId = tenant, ReturnPathDomain = returnPath ?? "bounces." + name,
        Keys = [new DkimKey { Selector = "s1", ProtectedPrivateKey = "x", TxtRecord = "v=DKIM1; k=rsa; p=AAAA", Status = DkimKeyStatus.Active }],
    };

    private static DnsRecordResponse Record(DnsAdviceResponse advice, string check) => advice.Records.First(r => r.Check == check);

    [Fact]
    public void Spf_lists_the_sources_of_the_pools_the_tenant_uses_and_not_the_others()
    {
        var plan = new EgressPlan
        {
            Sources = [new("default"), new("shop-a", IPAddress.Parse("198.51.100.1")), new("shop-b", IPAddress.Parse("2001:db8::25")), new("other", IPAddress.Parse("198.51.100.9"))],
            Pools = [new("default", [new("default")]), new("shop-tx", [new("shop-a")]), new("shop-mkt", [new("shop-b")]), new("others", [new("other")])],
            Assignments = [new("shop", "transactional", "shop-tx"), new("shop", "marketing", "shop-mkt"), new("acme", null, "others")],
            AllowSharedStreams = true,
        };
        var advice = Advisor(plan).Advise(Domain());

        Assert.Equal("v=spf1 ip4:198.51.100.1 ip6:2001:db8::25 -all", Record(advice, "spf").Value);
        Assert.Equal("bounces.shop.example", Record(advice, "spf").Name);
        Assert.Empty(advice.Warnings);
    }

    [Fact]
    public void Without_source_addresses_spf_suggests_the_hosts_addresses_with_a_warning_never_dash_all_alone()
    {
        var advice = Advisor().Advise(Domain());

        Assert.Equal("v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 ~all", Record(advice, "spf").Value);
        Assert.Contains(advice.Warnings, w => w.Contains("no bind address", StringComparison.Ordinal));

        var bare = Advisor(host: new FixedHostAddresses()).Advise(Domain());
        Assert.Equal("v=spf1 a:mta.example.net ~all", Record(bare, "spf").Value);
    }

    [Fact]
    public void Configured_sending_ips_are_added()
    {
        var plan = new EgressPlan { Sources = [new("nat", IPAddress.Parse("10.0.0.5"))], Pools = [new("default", [new("nat")])] };
        var advice = Advisor(plan, sendingIps: "203.0.113.7").Advise(Domain());

        Assert.Equal("v=spf1 ip4:10.0.0.5 ip4:203.0.113.7 -all", Record(advice, "spf").Value);
    }

    [Fact]
    public void Dmarc_and_tls_rpt_point_at_the_report_mailboxes_of_the_return_path_domain()
    {
        var advice = Advisor().Advise(Domain());

        Assert.Equal("v=DMARC1; p=none; rua=mailto:dmarc@bounces.shop.example", Record(advice, "dmarc").Value);
        Assert.Equal("_dmarc.shop.example", Record(advice, "dmarc").Name);
        Assert.Equal("v=TLSRPTv1; rua=mailto:tls-rpt@bounces.shop.example", Record(advice, "tls-rpt").Value);
        Assert.Equal("10 mta.example.net", Record(advice, "return-path-mx").Value);
        Assert.Equal("v=DKIM1; k=rsa; p=AAAA", Record(advice, "dkim:s1").Value);
        // Same organisational domain: no external-destination record (RFC 7489 §7.1).
        Assert.Single(advice.Records, r => r.Check == "dmarc");
    }

    [Fact]
    public void A_return_path_under_another_organisational_domain_gets_the_rfc7489_authorisation_record()
    {
        var advice = Advisor().Advise(Domain(returnPath: "bounces.mailer.example.net"));

        Assert.Contains(advice.Records, r => r.Name == "shop.example._report._dmarc.bounces.mailer.example.net" && r.Value == "v=DMARC1");
    }

    [Fact]
    public void A_generic_check_suggestion_is_replaced_by_the_advised_record_but_a_merged_spf_is_kept()
    {
        var advice = Advisor().Advise(Domain());
        var dmarc = new DnsCheckResponse("dmarc", "fail", "No DMARC record.", new DnsRecordResponse("TXT", "_dmarc.shop.example", "v=DMARC1; p=none; rua=mailto:dmarc-reports@shop.example", "DMARC"));
        var fresh = new DnsCheckResponse("spf", "fail", "no SPF", new DnsRecordResponse("TXT", "bounces.shop.example", "v=spf1 -all", "SPF"));
        var merged = new DnsCheckResponse("spf", "fail", "not authorised", new DnsRecordResponse("TXT", "bounces.shop.example", "v=spf1 ip4:192.0.2.1 include:_spf.example.com -all", "SPF"));

        Assert.Equal("v=DMARC1; p=none; rua=mailto:dmarc@bounces.shop.example", DnsRecordAdvisor.WithAdvisedFix(dmarc, advice).Fix!.Value);
        Assert.Equal(Record(advice, "spf").Value, DnsRecordAdvisor.WithAdvisedFix(fresh, advice).Fix!.Value);
        Assert.Same(merged, DnsRecordAdvisor.WithAdvisedFix(merged, advice));
    }
}
