using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Monitoring;

namespace Appliance.Web.Tests.Api;

public sealed class UsersEndpointsTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private const string Password = "Str0ng!Passw0rd-xyz";

    private static string NewEmail() => $"u{Guid.NewGuid():N}"[..12] + "@example.com";

    [Fact]
    public async Task Create_list_change_role_disable_and_delete_a_user()
    {
        var client = factory.CreateAdminClient();
        var email = NewEmail();

        var created = await client.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role = "Viewer" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.ReadJsonAsync();
        var id = user.GetProperty("id").GetString()!;
        Assert.Equal("Viewer", user.GetProperty("role").GetString());
        Assert.Contains(email, await client.GetStringAsync("/api/v1/users"), StringComparison.Ordinal);

        var promoted = await (await client.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Operator" })).ReadJsonAsync();
        Assert.Equal("Operator", promoted.GetProperty("role").GetString());
        var disabled = await (await client.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = true })).ReadJsonAsync();
        Assert.True(disabled.GetProperty("lockedOut").GetBoolean());
        var enabled = await (await client.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = false })).ReadJsonAsync();
        Assert.False(enabled.GetProperty("lockedOut").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{id}")).StatusCode);
        var audit = await client.GetStringAsync($"/api/v1/audit?search={email}");
        foreach (var action in new[] { "user.create", "user.role", "user.lock", "user.unlock", "user.delete" })
            Assert.Contains(action, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_per_field()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/users", new { email = "not-an-address", password = "", role = "Boss" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Unknown_user_is_404_and_an_empty_patch_is_400()
    {
        var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchAsJsonAsync("/api/v1/users/nobody", new { role = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/users/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PatchAsJsonAsync("/api/v1/users/nobody", new { })).StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("viewer")]
    public async Task Tenant_keys_cannot_read_or_change_users(string role)
    {
        var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync("Users " + Guid.NewGuid().ToString("N")[..6]);
        var key = factory.WithKey(await admin.CreateKeyAsync(tenant, role));

        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync("/api/v1/users", new { email = NewEmail(), password = Password, role = "Admin" })).StatusCode);
    }
}
