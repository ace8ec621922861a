using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Egress;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Pools;

/// <summary>
/// Issue 19: an egress source's owning node over the real host (SQLite, or PostgreSQL with APPLIANCE_TEST_DB_PROVIDER):
/// stored, returned, validated as an RFC 7807 field error, cleared by a PUT without it, described in OpenAPI, and
/// ignored by a single node (the plan has no local node, so the source stays usable).
/// </summary>
public sealed class EgressSourceNodeApiTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public EgressSourceNodeApiTests(ApplianceFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    private EgressConfiguration Engine => _factory.Services.GetRequiredService<EgressConfiguration>();

    [Fact]
    public async Task The_owning_node_is_stored_returned_validated_and_cleared()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "owned1", bindAddress = "127.0.0.21", node = " node-1 " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("node-1", (await created.ReadJsonAsync()).GetProperty("node").GetString());

        var listed = (await _admin.GetFromJsonAsync<JsonElement>("/api/v1/egress-sources")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "owned1");
        Assert.Equal("node-1", listed.GetProperty("node").GetString());
        Assert.Equal("node-1", Engine.Source("owned1")!.Node);
        // A single node ignores owners: the plan has no local node and the source is usable here.
        Assert.Null(Engine.Plan.LocalNode);
        Assert.True(Engine.Plan.IsLocal("owned1"));

        var bad = await _admin.PutAsJsonAsync("/api/v1/egress-sources/owned1", new { bindAddress = "127.0.0.21", node = "node 1!" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a node name", (await bad.ReadJsonAsync()).GetProperty("errors").GetProperty("node")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("node-1", Engine.Source("owned1")!.Node);

        var cleared = await _admin.PutAsJsonAsync("/api/v1/egress-sources/owned1", new { bindAddress = "127.0.0.21" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await cleared.ReadJsonAsync()).GetProperty("node").ValueKind);
        Assert.Null(Engine.Source("owned1")!.Node);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/egress-sources/owned1")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_describes_the_node_of_requests_and_responses()
    {
        using var doc = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("EgressSourceRequest").GetProperty("properties").TryGetProperty("node", out _));
        Assert.True(schemas.GetProperty("EgressSourceDto").GetProperty("properties").TryGetProperty("node", out _));
    }
}
