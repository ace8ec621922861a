using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Monitoring;

public sealed class ApiKeysEndpointsTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;

    public ApiKeysEndpointsTests(ApplianceFactory factory) => _factory = factory;

    [Fact]
    public async Task Key_is_shown_once_stored_hashed_and_authenticates_with_its_role()
    {
        var admin = _factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync("Keys " + Guid.NewGuid().ToString("N")[..6]);

        var response = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "ci", role = "Operator" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith("apk_", key);
        Assert.Equal("operator", body.GetProperty("role").GetString());
        Assert.Equal(tenant, body.GetProperty("tenantId").GetString());

        await using (var db = _factory.CreateDbContext())
        {
            var row = Assert.Single(db.ApiKeys.Where(k => k.TenantId == tenant));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), row.Hash);
            Assert.NotEqual(key, row.Hash);
            Assert.Equal(key[..row.Prefix.Length], row.Prefix);
            var audited = Assert.Single(db.AuditLog.Where(a => a.Action == "api-key.create" && a.Target == $"{tenant}/{row.Id}"));
            Assert.DoesNotContain(key, audited.After ?? "");
        }
        var listed = await admin.GetStringAsync($"/api/v1/tenants/{tenant}/api-keys");
        Assert.Contains("\"ci\"", listed);
        Assert.DoesNotContain(key, listed);

        var client = _factory.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenants")).StatusCode);
        var dryRun = await client.PostAsJsonAsync("/api/v1/queues/suspend", new { dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
    }

    [Theory]
    [InlineData("", "operator", "name")]
    [InlineData("ci", "root", "role")]
    public async Task Bad_requests_are_validation_problems(string name, string role, string field)
    {
        var admin = _factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/tenants/default/api-keys", new { name, role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_tenant_is_404_and_a_deleted_key_stops_working()
    {
        var admin = _factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/tenants/nope/api-keys", new { name = "x" })).StatusCode);

        var created = await (await admin.PostAsJsonAsync("/api/v1/tenants/default/api-keys", new { name = "temp", role = "viewer" })).ReadJsonAsync();
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tenants/default/api-keys/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.WithKey(key).GetAsync("/api/v1/tenants")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_lists_the_api()
    {
        var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/events", out _));
        Assert.True(paths.TryGetProperty("/api/v1/tenants/{id}/api-keys", out _));
        Assert.True(paths.TryGetProperty("/api/v1/queues/bounce", out _));
    }
}
