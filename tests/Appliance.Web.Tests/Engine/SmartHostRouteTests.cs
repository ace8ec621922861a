using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Dns;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Engine;

public sealed class SmartHostRouteTests : IDisposable
{
    private readonly ApplianceFactory _factory = ApplianceFactory.WithSettings(new() { ["Appliance:Delivery:SmartHost"] = "relay.upstream.test:2525" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SmartHost_is_the_wildcard_route_until_the_database_has_one()
    {
        var table = _factory.Services.GetRequiredService<IRouteTable>();

        Assert.Equal(new Route("*", "relay.upstream.test", 2525), table.Find("gmail.com"));

        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "db.route.test", port = 25 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("db.route.test", table.Find("gmail.com")?.Host);

        Assert.Equal(HttpStatusCode.NoContent, (await _factory.CreateAdminClient().DeleteAsync("/api/v1/routes/*")).StatusCode);
        Assert.Equal("relay.upstream.test", table.Find("gmail.com")?.Host);
    }

    [Theory]
    [InlineData("relay.test:2525", "relay.test", 2525)]
    [InlineData("relay.test", "relay.test", 25)]
    [InlineData("[::1]:2526", "::1", 2526)]
    [InlineData("::1", "::1", 25)]
    public void HostPort_parses_host_and_port(string text, string host, int port)
    {
        Assert.True(Appliance.Web.Engine.HostPort.TryParse(text, 25, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData("relay.test:0")]
    [InlineData("relay.test:x")]
    [InlineData("[::1")]
    public void HostPort_rejects_bad_values(string text) =>
        Assert.False(Appliance.Web.Engine.HostPort.TryParse(text, 25, out _, out _));
}
