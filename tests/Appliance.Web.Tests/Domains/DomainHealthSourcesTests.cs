using System.Net;
using Appliance.Mta.Egress;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Domains;

/// <summary>The host feeds the DNS checks with the egress sources of the pools the domain's tenant can use.</summary>
public sealed class DomainHealthSourcesTests
{
    [Fact]
    public async Task Dns_checks_list_spf_and_ptr_results_per_egress_source_of_the_tenant()
    {
        using var host = new DomainsFactory();
        var admin = host.CreateAdminClient();
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        await admin.AddDomainAsync(tenant, name);
        var plan = new EgressPlan
        {
            Sources = [new("tx", IPAddress.Parse("192.0.2.60"), "tx.example.com"), new("elsewhere", IPAddress.Parse("192.0.2.70"))],
            Pools = [new("default", [new EgressPoolMember("tx")]), new("other", [new EgressPoolMember("elsewhere")])],
            Assignments = [new("someone-else", null, "other")],
        };
        Assert.Empty(host.Services.GetRequiredService<EgressConfiguration>().Replace(plan));
        host.Dns.Publish("bounces." + name, "v=spf1 ip4:192.0.2.10 -all");

        var dns = await (await admin.GetAsync($"/api/v1/domains/{name}/dns")).ReadJsonAsync();
        var checks = dns.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c);

        Assert.Equal("fail", checks["spf:tx"].GetProperty("status").GetString());
        Assert.Contains("tx (192.0.2.60)", checks["spf:tx"].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("pass", checks["spf:192.0.2.10"].GetProperty("status").GetString()); // Appliance:Dkim:SendingIps, an extra
        Assert.True(checks.ContainsKey("ptr:192.0.2.60"));
        Assert.False(checks.ContainsKey("spf:elsewhere")); // another tenant's pool
        Assert.Equal("v=spf1 ip4:192.0.2.60 ip4:192.0.2.10 -all", checks["spf"].GetProperty("fix").GetProperty("value").GetString());
    }
}
