using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Api;

public sealed class QueuesEndpointsTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeQueueAdmin _admin;
    private readonly FakeEngineFactory _factory;

    public QueuesEndpointsTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
        _admin = factory.QueueAdmin;
    }

    [Fact]
    public async Task Summary_is_the_engine_summary_as_camel_case_json()
    {
        var body = await (await _factory.CreateAdminClient().GetAsync("/api/v1/queues")).ReadJsonAsync();

        Assert.Equal(7, body.GetProperty("totalMessages").GetInt32());
        Assert.Equal(7, body.GetProperty("messagesByTenant").GetProperty("default").GetInt32());
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("retry")]
    [InlineData("delete")]
    public async Task Operation_passes_filter_and_key_name_as_actor(string operation)
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/queues/{operation}", new { tenant = "default", domain = "example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.ReadJsonAsync()).GetProperty("affected").GetInt32());
        var call = Assert.Single(_admin.Calls);
        Assert.Equal(operation, call.Operation);
        Assert.Equal(new QueueFilter(Tenant: "default", Domain: "example.com"), call.Filter);
        Assert.Equal("bootstrap", call.Actor);
    }

    [Fact]
    public async Task Bounce_needs_a_reason_and_a_filter()
    {
        var client = _factory.CreateAdminClient();

        var noReason = await client.PostAsJsonAsync("/api/v1/queues/bounce", new { domain = "example.com" });
        var noFilter = await client.PostAsJsonAsync("/api/v1/queues/bounce", new { reason = "spam trap" });
        var ok = await client.PostAsJsonAsync("/api/v1/queues/bounce", new { messageId = "abc", reason = "spam trap" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFilter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("spam trap", Assert.Single(_admin.Calls).Reason);
    }
}
