using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Engine;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Api;

public sealed class TenantsEndpointsTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Create_returns_201_with_slug_id_and_lists_it()
    {
        var client = factory.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Acme Corp" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("acme-corp", body.GetProperty("id").GetString());
        Assert.Equal("Acme Corp", body.GetProperty("name").GetString());
        Assert.EndsWith("/api/v1/tenants/acme-corp", response.Headers.Location?.ToString());
        var list = await (await client.GetAsync("/api/v1/tenants")).ReadJsonAsync();
        var ids = list.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains("acme-corp", ids);
        Assert.Contains("default", ids);
        Assert.True(factory.Services.GetRequiredService<EfTenantDirectory>().Exists("acme-corp"));
    }

    [Fact]
    public async Task Duplicate_name_differing_in_case_returns_409_problem()
    {
        var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Globex" })).StatusCode);

        var response = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "GLOBEX" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Empty_name_returns_400_validation_problem(string? name)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty("name").EnumerateArray());
    }

    [Fact]
    public async Task Over_long_name_returns_400()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants", new { name = new string('x', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Acme Corp", "acme-corp")]
    [InlineData("  Héllo  Wörld!! ", "hello-world")]
    [InlineData("***", "")]
    public void Slug_is_lower_case_ascii_with_hyphens(string name, string expected) =>
        Assert.Equal(expected, Appliance.Web.Api.TenantIds.Slug(name));

    [Fact]
    public void Taken_slug_gets_a_suffix()
    {
        var id = Appliance.Web.Api.TenantIds.Create("Acme", s => s == "acme");

        Assert.Matches("^acme-[0-9a-f]{6}$", id);
    }
}
