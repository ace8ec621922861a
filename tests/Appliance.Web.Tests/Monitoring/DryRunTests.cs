using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Monitoring;

public sealed class DryRunTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeEngineFactory _factory;

    public DryRunTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("retry")]
    [InlineData("bounce")]
    [InlineData("delete")]
    public async Task Dry_run_answers_the_count_and_calls_no_operation(string operation)
    {
        _factory.QueueAdmin.Affected = 4;

        var response = await _factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/queues/{operation}", new { tenant = "default", reason = "r", dryRun = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(4, body.GetProperty("affected").GetInt32());
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Empty(_factory.QueueAdmin.Calls);
    }

    [Fact]
    public async Task Without_dry_run_the_operation_runs_and_says_so()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/queues/retry", new { domain = "example.com" });

        var body = await response.ReadJsonAsync();
        Assert.False(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(new QueueFilter(Domain: "example.com"), Assert.Single(_factory.QueueAdmin.Calls).Filter);
    }
}
