using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Api;

public sealed class RoutesEndpointsTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private IRouteTable Table => factory.Services.GetRequiredService<IRouteTable>();

    [Fact]
    public async Task Upsert_list_and_delete_are_reflected_in_the_engine_route_table()
    {
        var client = factory.CreateAdminClient();

        var created = await client.PostAsJsonAsync("/api/v1/routes",
            new { domain = "Example.COM", host = "mx.relay.test", port = 2525, username = "u", password = "p", tls = "required" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new Route("example.com", "mx.relay.test", 2525, "u", "p", TlsMode.Required), Table.Find("example.com"));
        Assert.Equal("mx.relay.test", Table.Find("EXAMPLE.com.")?.Host);

        var replaced = await client.PostAsJsonAsync("/api/v1/routes", new { domain = "example.com", host = "127.0.0.2", port = 25, tls = "disabled" });
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.Equal(new Route("example.com", "127.0.0.2", 25, null, null, TlsMode.Disabled), Table.Find("example.com"));

        var list = await (await client.GetAsync("/api/v1/routes")).ReadJsonAsync();
        var entry = Assert.Single(list.EnumerateArray(), r => r.GetProperty("domain").GetString() == "example.com");
        Assert.Equal("127.0.0.2", entry.GetProperty("host").GetString());
        Assert.Equal("disabled", entry.GetProperty("tls").GetString());
        Assert.False(entry.TryGetProperty("password", out _));

        var deleted = await client.DeleteAsync("/api/v1/routes/example.com");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(Table.Find("example.com"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/routes/example.com")).StatusCode);
    }

    [Fact]
    public async Task Wildcard_route_applies_to_other_domains_and_exact_match_wins()
    {
        var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "smarthost.test", port = 587 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes", new { domain = "special.test", host = "127.0.0.3", port = 25 })).StatusCode);

        Assert.Equal("smarthost.test", Table.Find("anything.example")?.Host);
        Assert.Equal(TlsMode.Opportunistic, Table.Find("anything.example")?.Tls);
        Assert.Equal("127.0.0.3", Table.Find("special.test")?.Host);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/routes/*")).StatusCode);
        Assert.Null(Table.Find("anything.example"));
    }

    [Theory]
    [InlineData("bad_domain", "relay.test", 25, null, "domain")]
    [InlineData("-x.example", "relay.test", 25, null, "domain")]
    [InlineData("ok.example", "", 25, null, "host")]
    [InlineData("ok.example", "relay.test", 0, null, "port")]
    [InlineData("ok.example", "relay.test", 65536, null, "port")]
    [InlineData("ok.example", "relay.test", 25, "sometimes", "tls")]
    [InlineData("ok.example", "relay.test", 25, "2", "tls")]
    public async Task Invalid_route_returns_400_with_field_error(string domain, string host, int port, string? tls, string field)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/routes", new { domain, host, port, tls });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
