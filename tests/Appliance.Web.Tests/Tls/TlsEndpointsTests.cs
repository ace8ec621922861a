using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Monitoring;

namespace Appliance.Web.Tests.Tls;

public sealed class TlsEndpointsTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Put_installs_a_valid_pair_and_get_shows_it()
    {
        var client = factory.CreateAdminClient();
        var now = DateTimeOffset.UtcNow;
        var (cert, key) = TestPem.Create("api.example.com", now.AddDays(-1), now.AddDays(120));

        var put = await client.PutAsJsonAsync("/api/v1/tls/certificate", new { certificate = cert, key });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var current = await (await client.GetAsync("/api/v1/tls/certificate")).ReadJsonAsync();
        Assert.Equal("CN=api.example.com", current.GetProperty("subject").GetString());
        Assert.Equal("api.example.com", current.GetProperty("subjectAlternativeNames")[0].GetString());
        Assert.False(current.GetProperty("expiresSoon").GetBoolean());
    }

    [Fact]
    public async Task Mismatched_key_is_a_400_problem_under_key_and_tenant_keys_are_refused()
    {
        var client = factory.CreateAdminClient();
        var now = DateTimeOffset.UtcNow;
        var (cert, _) = TestPem.Create("a.example.com", now.AddDays(-1), now.AddDays(90));
        var (_, otherKey) = TestPem.Create("b.example.com", now.AddDays(-1), now.AddDays(90));

        var put = await client.PutAsJsonAsync("/api/v1/tls/certificate", new { certificate = cert, key = otherKey });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("does not match", (await put.ReadJsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString(), StringComparison.Ordinal);
        var tenant = await client.CreateTenantAsync("Tls " + Guid.NewGuid().ToString("N")[..6]);
        var tenantKey = factory.WithKey(await client.CreateKeyAsync(tenant, "admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantKey.GetAsync("/api/v1/tls/certificate")).StatusCode);
    }
}
