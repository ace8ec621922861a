using System.Net.Http.Json;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Tests.Domains;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>
/// Per-domain return paths in the real host (issue 6): a sending domain's return-path domain is used for VERP only after
/// its latest DNS health run passed "return-path-mx"; before that (and after a failing run) the tenant's return-path
/// domain stays in use, and the inbound MX does not claim the unverified domain.
/// </summary>
public sealed class VerifiedDomainReturnPathsTests : IClassFixture<DomainsFactory>
{
    private readonly DomainsFactory _factory;

    public VerifiedDomainReturnPathsTests(DomainsFactory factory) => _factory = factory;

    [Fact]
    public async Task Domain_return_path_replaces_the_tenants_only_while_its_mx_check_passes()
    {
        var admin = _factory.CreateAdminClient();
        var tenant = await _factory.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/suppressions/settings/{tenant}", new { action = "reject", returnPathDomain = $"rp.{name}", oneClickUnsubscribe = false }))
            .EnsureSuccessStatusCode();
        var paths = _factory.Services.GetRequiredService<VerifiedDomainReturnPaths>();
        var verp = _factory.Services.GetRequiredService<VerpReturnPath>();
        var envelope = new MessageEnvelope
        {
            MailFrom = $"news@{name}", Recipients = [new EnvelopeRecipient("user@dest.example")], TenantId = tenant,
            ReceivedAt = DomainsFactory.T0, ClientAddress = "192.0.2.1",
        };

        // No health run yet: the default bounces.<domain> may be unpublished, so the tenant's domain is used.
        await paths.ReloadAsync(CancellationToken.None);
        Assert.EndsWith($"@rp.{name}", verp.For(envelope, new SpoolId(1), 0), StringComparison.Ordinal);
        Assert.False(paths.IsReturnPathDomain($"bounces.{name}"));

        await AddRunAsync(name, "fail");
        await paths.ReloadAsync(CancellationToken.None);
        Assert.EndsWith($"@rp.{name}", verp.For(envelope, new SpoolId(1), 0), StringComparison.Ordinal);

        await AddRunAsync(name, "pass");
        await paths.ReloadAsync(CancellationToken.None);
        Assert.EndsWith($"@bounces.{name}", verp.For(envelope, new SpoolId(1), 0), StringComparison.Ordinal);
        Assert.True(paths.IsReturnPathDomain($"bounces.{name}"));
        Assert.Null(paths.ReturnPathFor("someone-else", name)); // another tenant's mail never uses it

        // The latest run decides: a failure after a pass falls back again.
        await AddRunAsync(name, "fail");
        await paths.ReloadAsync(CancellationToken.None);
        Assert.EndsWith($"@rp.{name}", verp.For(envelope, new SpoolId(1), 0), StringComparison.Ordinal);
    }

    private async Task AddRunAsync(string domain, string mxStatus)
    {
        await using var db = _factory.CreateDomainsDb();
        var d = db.Domains.Single(x => x.Name == domain);
        db.CheckRuns.Add(new DomainCheckRun
        {
            SendingDomainId = d.Id,
            CheckedAt = DomainsFactory.T0,
            Worst = mxStatus == "pass" ? Mta.DomainHealth.DnsCheckStatus.Pass : Mta.DomainHealth.DnsCheckStatus.Fail,
            ResultsJson = $$"""[{"check":"spf","status":"pass","explanation":"ok","fix":null},{"check":"{{VerifiedDomainReturnPaths.MxCheck}}","status":"{{mxStatus}}","explanation":"x","fix":null}]""",
        });
        await db.SaveChangesAsync();
    }
}
