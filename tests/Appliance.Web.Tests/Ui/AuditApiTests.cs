using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Ui;

public sealed class AuditApiTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Api_changes_are_audited_with_the_key_as_actor_and_no_secrets()
    {
        var client = factory.CreateAdminClient();
        var tenant = await (await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Audited Co" })).ReadJsonAsync();
        var id = tenant.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/tenants/{id}/smtp-credentials", new { username = "audited-user", password = "s3cret-password-xyz" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes", new { domain = "audited.example", host = "relay.example", port = 2525, username = "u", password = "route-pass-123" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/routes/audited.example")).StatusCode);

        var page = await client.GetAsync("/api/v1/audit?take=50");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();
        var actions = items.Select(i => (Action: i.GetProperty("action").GetString(), Target: i.GetProperty("target").GetString(), Actor: i.GetProperty("actor").GetString())).ToList();

        Assert.Contains(("tenant.create", id, "api:bootstrap"), actions);
        Assert.Contains(("smtp-credential.create", $"{id}/audited-user", "api:bootstrap"), actions);
        Assert.Contains(("route.create", "audited.example", "api:bootstrap"), actions);
        Assert.Contains(("route.delete", "audited.example", "api:bootstrap"), actions);
        // Newest first.
        Assert.Equal("route.delete", actions[0].Action);
        Assert.DoesNotContain("s3cret-password-xyz", body, StringComparison.Ordinal);
        Assert.DoesNotContain("route-pass-123", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("take=0", "take")]
    [InlineData("take=501", "take")]
    [InlineData("skip=-1", "skip")]
    public async Task Bad_paging_is_a_400_with_the_field(string query, string field)
    {
        var response = await factory.CreateAdminClient().GetAsync($"/api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Audit_needs_an_api_key()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
