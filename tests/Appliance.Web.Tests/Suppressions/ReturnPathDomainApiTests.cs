using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Configuration;
using Appliance.Mta.Policy;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Tests.Domains;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>
/// Tenant return-path domains in the real host (issue 15 item 2): only an own sending domain or a subdomain of one,
/// never a public suffix or another tenant's; and the appliance answers for the domain at RCPT only once its MX
/// points at the appliance.
/// </summary>
public sealed class ReturnPathDomainApiTests(DomainsFactory factory) : IClassFixture<DomainsFactory>
{
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task A_domain_the_tenant_does_not_send_from_is_refused_with_a_problem_naming_the_rule()
    {
        var tenant = await factory.NewTenantAsync();

        await AssertRefusedAsync(tenant, "gmail.com", ReturnPathDomainRules.OwnSendingDomain);
        await AssertRefusedAsync(tenant, "co.uk", ReturnPathDomainRules.PublicSuffix);
        Assert.Equal(RecipientDecisionKind.Continue, Decide("abuse@gmail.com"));
    }

    [Fact]
    public async Task Another_tenants_sending_domain_and_return_path_domain_are_refused()
    {
        var owner = await factory.NewTenantAsync();
        var name = await AddSendingDomainAsync(owner);
        (await PutAsync(owner, "rp." + name)).EnsureSuccessStatusCode();
        var intruder = await factory.NewTenantAsync();

        await AssertRefusedAsync(intruder, name, ReturnPathDomainRules.OtherTenant);
        await AssertRefusedAsync(intruder, "bounces." + name, ReturnPathDomainRules.OtherTenant);
        await AssertRefusedAsync(intruder, "rp." + name, ReturnPathDomainRules.OtherTenant);
    }

    [Fact]
    public async Task An_own_subdomain_is_saved_but_captures_no_rcpt_until_its_mx_points_at_the_appliance()
    {
        var tenant = await factory.NewTenantAsync();
        var name = await AddSendingDomainAsync(tenant);
        var rp = "rp." + name;

        var saved = await (await PutAsync(tenant, rp)).ReadJsonAsync();

        Assert.Equal(rp, saved.GetProperty("returnPathDomain").GetString());
        Assert.False(saved.GetProperty("returnPathDomainVerified").GetBoolean());
        Assert.Equal(RecipientDecisionKind.Continue, Decide($"abuse@{rp}"));
        Assert.Equal(RecipientDecisionKind.Continue, Decide($"nobody@{rp}"));

        factory.Dns.PublishMx(rp, "mx.elsewhere.example");
        await VerifyAsync();
        Assert.Equal(RecipientDecisionKind.Continue, Decide($"postmaster@{rp}"));

        factory.Dns.PublishMx(rp, Hostname);
        await VerifyAsync();
        Assert.Equal(RecipientDecisionKind.AcceptInbound, Decide($"abuse@{rp}"));
        Assert.Equal(RecipientDecisionKind.Reject, Decide($"nobody@{rp}"));
        Assert.True((await (await _admin.GetAsync($"/api/v1/suppressions/settings/{tenant}")).ReadJsonAsync()).GetProperty("returnPathDomainVerified").GetBoolean());

        // The MX moves away: the appliance stops answering for the domain at the next verification.
        factory.Dns.PublishMx(rp, "mx.elsewhere.example");
        await VerifyAsync();
        Assert.Equal(RecipientDecisionKind.Continue, Decide($"abuse@{rp}"));
    }

    [Fact]
    public async Task An_mx_host_with_the_appliances_address_counts_as_pointing_at_it()
    {
        var tenant = await factory.NewTenantAsync();
        var name = await AddSendingDomainAsync(tenant);
        var rp = "bounces-alias." + name;
        factory.Dns.PublishAddresses(Hostname, IPAddress.Parse("192.0.2.25"));
        factory.Dns.PublishAddresses("mx-alias." + name, IPAddress.Parse("192.0.2.25"));
        factory.Dns.PublishMx(rp, "mx-alias." + name);

        (await PutAsync(tenant, rp)).EnsureSuccessStatusCode();

        Assert.Equal(RecipientDecisionKind.AcceptInbound, Decide($"fbl@{rp}"));
    }

    private string Hostname => factory.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Hostname;

    private Task VerifyAsync() => factory.Services.GetRequiredService<TenantReturnPathVerifier>().VerifyAsync(CancellationToken.None);

    private RecipientDecisionKind Decide(string rcpt) =>
        factory.Services.GetServices<IRecipientPolicy>()
            .Select(p => p.Evaluate(new RecipientCheck(null, "", rcpt, false, "192.0.2.99")))
            .FirstOrDefault(d => d.Kind != RecipientDecisionKind.Continue)?.Kind ?? RecipientDecisionKind.Continue;

    private async Task<string> AddSendingDomainAsync(string tenant)
    {
        var name = DomainsFactory.NewDomainName();
        (await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    private Task<HttpResponseMessage> PutAsync(string tenant, string domain) =>
        _admin.PutAsJsonAsync($"/api/v1/suppressions/settings/{tenant}", new { action = "reject", returnPathDomain = domain, oneClickUnsubscribe = false });

    private async Task AssertRefusedAsync(string tenant, string domain, string rule)
    {
        var response = await PutAsync(tenant, domain);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("returnPathDomain")[0].GetString();
        Assert.StartsWith($"Rule {rule}:", message, StringComparison.Ordinal);
    }
}
