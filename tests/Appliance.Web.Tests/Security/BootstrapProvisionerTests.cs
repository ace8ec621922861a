using System.Net;
using System.Net.Http.Headers;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Security;

public sealed class BootstrapProvisionerTests : IDisposable
{
    private const string Email = "admin@example.test";
    private const string Password = "Bootstrap-Passw0rd!";
    private const string SecondKey = "another-bootstrap-key-abcdefghijkl";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("appliance-web-bootstrap-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private ApplianceFactory Start(string apiKey, string email) => ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Bootstrap:AdminEmail"] = email,
        ["Appliance:Bootstrap:AdminPassword"] = Password,
        ["Appliance:Bootstrap:ApiKey"] = apiKey,
    }, _dataDir);

    [Fact]
    public async Task Admin_user_roles_and_api_key_are_created_exactly_once()
    {
        using (var first = Start(ApplianceFactory.AdminKey, Email))
        {
            await AssertStateAsync(first);
            Assert.Equal(HttpStatusCode.OK, (await first.CreateAdminClient().GetAsync("/api/v1/tenants")).StatusCode);
        }

        // Second start on the same data with different bootstrap values: nothing new is provisioned.
        using var second = Start(SecondKey, "other@example.test");
        await AssertStateAsync(second);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecondKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateAdminClient().GetAsync("/api/v1/tenants")).StatusCode);
    }

    private static async Task AssertStateAsync(ApplianceFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ApplianceRoles.All) Assert.True(await roles.RoleExistsAsync(role), role);

        var admin = Assert.Single(await users.GetUsersInRoleAsync(ApplianceRoles.Admin));
        Assert.Equal(Email, admin.Email);
        Assert.True(await users.CheckPasswordAsync(admin, Password));
        Assert.Equal(1, await users.Users.CountAsync());

        await using var db = factory.CreateDbContext();
        var key = Assert.Single(await db.ApiKeys.ToListAsync());
        Assert.Equal("admin", key.Scope);
        Assert.NotEqual(ApplianceFactory.AdminKey, key.Hash);
        Assert.True(ApiKeyHasher.Matches(ApplianceFactory.AdminKey, key.Hash));
    }

    [Fact]
    public async Task Short_bootstrap_key_is_refused()
    {
        using var factory = ApplianceFactory.WithSettings(new() { ["Appliance:Bootstrap:ApiKey"] = "short-key" });
        await using var db = factory.CreateDbContext();

        Assert.Empty(await db.ApiKeys.ToListAsync());
    }
}
