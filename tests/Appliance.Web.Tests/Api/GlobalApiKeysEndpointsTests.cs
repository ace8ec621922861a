using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Monitoring;

namespace Appliance.Web.Tests.Api;

/// <summary>
/// /api/v1/api-keys: global keys with a role (issue 16: only tenant keys could be created, so appliance-wide endpoints
/// answered 403 until someone found Appliance:Bootstrap:ApiKey).
/// </summary>
public sealed class GlobalApiKeysEndpointsTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;

    public GlobalApiKeysEndpointsTests(ApplianceFactory factory) => _factory = factory;

    [Fact]
    public async Task A_global_viewer_key_is_shown_once_reads_appliance_wide_endpoints_and_cannot_change_them()
    {
        var admin = _factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "monitoring", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal("viewer", body.GetProperty("role").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("tenantId").ValueKind);

        var listed = await admin.GetStringAsync("/api/v1/api-keys");
        Assert.Contains("\"monitoring\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);

        var viewer = _factory.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        // Appliance-wide read: a tenant key gets 403 here, a global one does not.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/routes")).StatusCode);
        // Its role still applies.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", role = "admin" })).StatusCode);

        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/v1/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_key_cannot_create_global_keys_and_a_bad_role_is_a_problem()
    {
        var admin = _factory.CreateAdminClient();
        var bad = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", role = "root" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("role", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tenant = await admin.CreateTenantAsync("Glob " + Guid.NewGuid().ToString("N")[..6]);
        var tenantKey = (await (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "t", role = "admin" })).ReadJsonAsync())
            .GetProperty("key").GetString()!;
        var scoped = _factory.CreateClient();
        scoped.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenantKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("/api/v1/api-keys")).StatusCode);
    }
}
