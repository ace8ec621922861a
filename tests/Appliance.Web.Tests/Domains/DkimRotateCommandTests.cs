using System.Net.Http.Json;
using Appliance.Web.Tests.Cli;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Domains;

/// <summary>`appliance dkim rotate DOMAIN` against the running service's API.</summary>
public sealed class DkimRotateCommandTests(CliHostFactory factory) : IClassFixture<CliHostFactory>
{
    private string[] Args(params string[] args) => [.. args, "--url", factory.BaseUrl, "--api-key", ApplianceFactory.AdminKey];

    [Fact]
    public async Task Rotate_prints_the_pending_record_and_a_second_rotate_reports_the_conflict()
    {
        var domain = DomainsFactory.NewDomainName();
        var admin = factory.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/v1/tenants/default/domains", new { name = domain })).EnsureSuccessStatusCode();

        var first = await CliRun.RunAsync(Args("dkim", "rotate", domain));
        var second = await CliRun.RunAsync(Args("dkim", "rotate", domain));

        Assert.Equal(0, first.ExitCode);
        Assert.Matches($@"pending\s+s\w+\._domainkey\.{domain.Replace(".", "\\.", StringComparison.Ordinal)} TXT ""v=DKIM1; k=rsa; p=", first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("409", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_domain_and_missing_argument_fail()
    {
        var unknown = await CliRun.RunAsync(Args("dkim", "rotate", "nowhere.example.com"));
        var usage = await CliRun.RunAsync(Args("dkim", "rotate"));

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }
}
