using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Security;

public sealed class ApiKeyAuthenticationTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Request_without_key_gets_401_problem_details()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        var problem = await response.ReadJsonAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Request_with_unknown_key_gets_401()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplianceFactory.AdminKey + "x");

        var response = await client.GetAsync("/api/v1/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bootstrap_key_is_accepted()
    {
        var response = await factory.CreateAdminClient().GetAsync("/api/v1/tenants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Key_without_admin_scope_can_read_but_gets_403_on_writes()
    {
        var key = ApiKeyHasher.Generate();
        await using (var db = factory.CreateDbContext())
        {
            db.ApiKeys.Add(new ApiKey { Name = "reader", Prefix = ApiKeyHasher.PrefixOf(key), Hash = ApiKeyHasher.Hash(key), Scope = "tenant", TenantId = "default" });
            await db.SaveChangesAsync();
        }
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var read = await client.GetAsync("/api/v1/tenants");
        var write = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Forbidden Co" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(403, (await write.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public void Generated_keys_are_long_and_hash_comparison_is_exact()
    {
        var key = ApiKeyHasher.Generate();

        Assert.True(key.Length >= 40);
        Assert.True(ApiKeyHasher.Matches(key, ApiKeyHasher.Hash(key)));
        Assert.False(ApiKeyHasher.Matches(key + "a", ApiKeyHasher.Hash(key)));
    }
}
