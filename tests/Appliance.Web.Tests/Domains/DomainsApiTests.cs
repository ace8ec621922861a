using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Mta.Dkim;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Domains;

/// <summary>/api/v1 sending domains: validation, records, tenant scope, settings, audit, keys at rest.</summary>
public sealed class DomainsApiTests(DomainsFactory host) : IClassFixture<DomainsFactory>
{
    private readonly HttpClient _admin = host.CreateAdminClient();

    [Theory]
    [InlineData("not a domain")]
    [InlineData("-bad.example.com")]
    [InlineData("localhost")]
    [InlineData("")]
    public async Task Bad_domain_names_are_rejected_as_validation_problems(string name)
    {
        var tenant = await host.NewTenantAsync();

        var response = await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Unknown_algorithm_unknown_tenant_and_duplicates_are_refused()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();

        var badAlgorithm = await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name, algorithm = "dsa" });
        var noTenant = await _admin.PostAsJsonAsync("/api/v1/tenants/no-such-tenant/domains", new { name });
        await _admin.AddDomainAsync(tenant, name);
        var duplicate = await _admin.PostAsJsonAsync($"/api/v1/tenants/{await host.NewTenantAsync()}/domains", new { name = name.ToUpperInvariant() });

        Assert.True((await badAlgorithm.ReadJsonAsync()).GetProperty("errors").TryGetProperty("algorithm", out _));
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_new_domain_has_an_active_rsa_selector_with_its_record_and_a_default_return_path()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();

        var created = await _admin.AddDomainAsync(tenant, name);
        var fetched = await _admin.DomainAsync(name);
        var list = await (await _admin.GetAsync($"/api/v1/tenants/{tenant}/domains")).ReadJsonAsync();

        var active = Assert.Single(fetched.GetProperty("active").EnumerateArray());
        Assert.Equal("rsa", active.GetProperty("algorithm").GetString());
        Assert.StartsWith("v=DKIM1; k=rsa; p=MI", active.GetProperty("txtRecord").GetString());
        Assert.Equal($"{active.GetProperty("selector").GetString()}._domainkey.{name}", active.GetProperty("recordName").GetString());
        Assert.Equal("bounces." + name, created.GetProperty("returnPathDomain").GetString());
        Assert.Equal([name], list.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Dual_signing_gives_the_signer_an_rsa_and_an_ed25519_key()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();

        var created = await _admin.AddDomainAsync(tenant, name, "dual");
        var plan = host.Services.GetRequiredService<IDkimKeyProvider>().Find(tenant, "news." + name);

        Assert.Equal(["ed25519", "rsa"], created.GetProperty("active").EnumerateArray().Select(s => s.GetProperty("algorithm").GetString()).Order());
        Assert.NotNull(plan);
        Assert.Equal(name, plan.Domain);
        Assert.Equal([DkimKeyAlgorithm.RsaSha256, DkimKeyAlgorithm.Ed25519Sha256], plan.Keys.Select(k => k.Algorithm));
        Assert.Null(host.Services.GetRequiredService<IDkimKeyProvider>().Find("someone-else", name));
    }

    [Fact]
    public async Task Private_keys_are_stored_encrypted_and_decrypt_to_the_published_key()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(tenant, name, "dual");

        await using var db = host.CreateDomainsDb();
        var keys = await db.DkimKeys.Where(k => k.Domain!.Name == name).ToListAsync();
        var protector = host.Services.GetRequiredService<DkimKeyProtector>();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k =>
        {
            Assert.DoesNotContain("PRIVATE KEY", k.ProtectedPrivateKey, StringComparison.Ordinal);
            var pem = protector.Unprotect(k.ProtectedPrivateKey);
            Assert.Contains("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
            Assert.Equal(k.TxtRecord, DkimPublicKey.TxtRecordFromPrivatePem(k.Algorithm, pem));
        });
    }

    [Fact]
    public async Task Dns_checks_spf_of_the_return_path_for_each_configured_sending_ip_and_says_what_to_publish()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(tenant, name);
        var returnPath = "bounces." + name;

        host.Dns.Publish(returnPath, "v=spf1 ip4:198.51.100.0/24 -all");
        var before = await (await _admin.GetAsync($"/api/v1/domains/{name}/dns")).ReadJsonAsync();
        var failing = Assert.Single(before.GetProperty("checks").EnumerateArray(), c => c.GetProperty("check").GetString() == "spf");
        Assert.Equal("fail", failing.GetProperty("status").GetString());
        Assert.Contains("192.0.2.10", failing.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("v=spf1 ip4:192.0.2.10 ip4:198.51.100.0/24 -all", failing.GetProperty("fix").GetProperty("value").GetString());

        host.Dns.Publish(returnPath, "v=spf1 ip4:192.0.2.0/24 -all");
        var after = await (await _admin.GetAsync($"/api/v1/domains/{name}/dns")).ReadJsonAsync();
        Assert.Equal("pass", Assert.Single(after.GetProperty("checks").EnumerateArray(), c => c.GetProperty("check").GetString() == "spf").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Dns_lists_the_dkim_record_with_its_live_status_and_stores_history()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        var active = (await _admin.AddDomainAsync(tenant, name)).GetProperty("active")[0];

        var before = await (await _admin.GetAsync($"/api/v1/domains/{name}/dns")).ReadJsonAsync();
        host.Dns.Publish(active.GetProperty("recordName").GetString()!, active.GetProperty("txtRecord").GetString()!);
        var after = await (await _admin.GetAsync($"/api/v1/domains/{name}/dns")).ReadJsonAsync();
        var history = await (await _admin.GetAsync($"/api/v1/domains/{name}/dns/history")).ReadJsonAsync();

        var missing = Assert.Single(before.GetProperty("records").EnumerateArray(), r => r.GetProperty("type").GetString() == "TXT" && r.GetProperty("name").GetString()!.Contains("._domainkey.", StringComparison.Ordinal));
        Assert.Equal("fail", missing.GetProperty("status").GetString());
        Assert.Equal(active.GetProperty("txtRecord").GetString(), missing.GetProperty("value").GetString());
        var published = Assert.Single(after.GetProperty("records").EnumerateArray(), r => r.GetProperty("name").GetString() == active.GetProperty("recordName").GetString());
        Assert.Equal("pass", published.GetProperty("status").GetString());
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal("fail", history[1].GetProperty("worst").GetString());
    }

    [Fact]
    public async Task A_tenant_key_sees_only_its_own_tenants_domains()
    {
        var mine = await host.NewTenantAsync();
        var other = await host.NewTenantAsync();
        var myDomain = DomainsFactory.NewDomainName();
        var otherDomain = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(mine, myDomain);
        await _admin.AddDomainAsync(other, otherDomain);
        var keyResponse = await _admin.PostAsJsonAsync($"/api/v1/tenants/{mine}/api-keys", new { name = "k", role = "admin" });
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await keyResponse.ReadJsonAsync()).GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/domains/{myDomain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/domains/{otherDomain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/domains/{otherDomain}/dns")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/domains/{otherDomain}/dkim/rotate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/domains/{otherDomain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tenants/{other}/domains")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/tenants/{other}/domains", new { name = DomainsFactory.NewDomainName() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/v1/domains/{otherDomain}")).StatusCode);
    }

    [Fact]
    public async Task Settings_policy_and_delete_are_applied_and_audited()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(tenant, name);

        var settings = await _admin.PutAsJsonAsync($"/api/v1/domains/{name}/settings", new { returnPathDomain = "rp." + name });
        var badPolicy = await _admin.PutAsJsonAsync($"/api/v1/tenants/{tenant}/sending-policy", new { enforcement = "sometimes" });
        var policy = await _admin.PutAsJsonAsync($"/api/v1/tenants/{tenant}/sending-policy", new { enforcement = "reject" });
        var returnPaths = host.Services.GetRequiredService<IReturnPathDomains>();
        var returnPath = returnPaths.ReturnPathFor(name);
        var byReturnPath = returnPaths.FindByReturnPath("rp." + name);
        var enforcement = host.Services.GetRequiredService<IDkimKeyProvider>().EnforcementFor(tenant);
        var deleted = await _admin.DeleteAsync($"/api/v1/domains/{name}");
        var gone = await _admin.GetAsync($"/api/v1/domains/{name}");

        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPolicy.StatusCode);
        Assert.Equal("reject", (await policy.ReadJsonAsync()).GetProperty("enforcement").GetString());
        Assert.Equal("rp." + name, returnPath);
        Assert.Equal(tenant, byReturnPath?.TenantId);
        Assert.Equal(FromDomainEnforcement.Reject, enforcement);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(host.Services.GetRequiredService<IDkimKeyProvider>().Find(tenant, name));
        await using var db = host.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();
        var actions = await db.AuditLog.Where(a => a.Target == name || a.Target == tenant).Select(a => a.Action).ToListAsync();
        Assert.Contains("domain.create", actions);
        Assert.Contains("domain.update", actions);
        Assert.Contains("domain.delete", actions);
        Assert.Contains("tenant.sending-policy", actions);
    }

    [Fact]
    public async Task Rsa_keys_default_to_2048_bits_and_honour_the_configured_size()
    {
        Assert.Equal(2048, new DkimOptions().RsaBits);
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(tenant, name);
        var key = host.Services.GetRequiredService<IDkimKeyProvider>().Find(tenant, name)!.Keys[0];
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        Assert.Equal(1024, rsa.KeySize); // the test host configures Appliance:Dkim:RsaBits=1024: the setting is honoured
    }
}
