using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Egress;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;

namespace Appliance.Web.Tests.Pools;

/// <summary>
/// /api/v1/egress-sources, /pools, /pool-assignments and /egress-settings over the real host: field validation, the
/// engine's plan validation (stream sharing) refusing a change that is then not stored, the live plan, audit, and
/// tenant-scoped keys kept out.
/// </summary>
public sealed class PoolsApiTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public PoolsApiTests(ApplianceFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    private EgressConfiguration Engine => _factory.Services.GetRequiredService<EgressConfiguration>();

    [Theory]
    [InlineData("10.1", "bindAddress")]
    [InlineData("300.1.2.3", "bindAddress")]
    [InlineData("0.0.0.0", "bindAddress")]
    [InlineData("fe80::1%eth0", "bindAddress")]
    public async Task A_bind_address_must_be_a_full_ip_literal(string address, string field)
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "bad-ip", bindAddress = address });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("IP address literal", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_and_ehlo_names_are_checked()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "bad name!", bindAddress = "127.0.0.2", ehloName = "not a host" });
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("fully-qualified", errors.GetProperty("ehloName")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/v1/egress-sources/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Sources_pools_and_assignments_reach_the_engine_and_stream_sharing_is_refused()
    {
        await Created("/api/v1/egress-sources", new { name = "tx1", bindAddress = "127.0.0.2", ehloName = "tx1.example.net" });
        await Created("/api/v1/egress-sources", new { name = "mk1", bindAddress = "127.0.0.3" });
        Assert.Equal("127.0.0.2", Engine.Source("tx1")!.BindAddress!.ToString());
        Assert.Equal("tx1.example.net", Engine.Source("tx1")!.EhloName);

        await Created("/api/v1/pools", new { name = "tx", members = new[] { new { source = "tx1", weight = 1 } } });
        await Created("/api/v1/pools", new { name = "mk", members = new[] { new { source = "mk1", weight = 3 }, new { source = "tx1", weight = 1 } } });
        var unknown = await _admin.PostAsJsonAsync("/api/v1/pools", new { name = "ghost", members = new[] { new { source = "nope", weight = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unknown egress source 'nope'", (await unknown.ReadJsonAsync()).GetProperty("errors").GetProperty("plan")[0].GetString(), StringComparison.Ordinal);

        await Created("/api/v1/pool-assignments", new { stream = "transactional", pool = "tx" });
        // The marketing pool still holds tx1: the engine refuses, nothing is stored, the live plan is unchanged.
        var shared = await _admin.PostAsJsonAsync("/api/v1/pool-assignments", new { stream = "marketing", pool = "mk" });
        Assert.Equal(HttpStatusCode.BadRequest, shared.StatusCode);
        Assert.Contains("would share egress source(s) tx1", (await shared.ReadJsonAsync()).GetProperty("errors").GetProperty("plan")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Engine.Plan.Assignments, a => a.Pool == "mk");
        Assert.DoesNotContain(await _admin.GetFromJsonAsync<List<PoolAssignmentView>>("/api/v1/pool-assignments") ?? [], a => a.Pool == "mk");

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/pools/mk", new { members = new[] { new { source = "mk1", weight = 3 } } })).StatusCode);
        await Created("/api/v1/pool-assignments", new { stream = "marketing", pool = "mk" });
        var plan = Engine.Plan;
        Assert.Equal("tx", plan.PoolFor("any-tenant", EgressStreams.Transactional));
        Assert.Equal("mk", plan.PoolFor("any-tenant", EgressStreams.Marketing));
        Assert.Equal(3, plan.Pools.Single(p => p.Name == "mk").Members.Single().Weight);

        // Settings: wait on full caps; allowing shared streams lets tx1 back into the marketing pool.
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/egress-settings", new { overflow = "wait", allowSharedStreams = true })).StatusCode);
        Assert.Equal(WarmupOverflow.Wait, Engine.Plan.Overflow);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/pools/mk", new { members = new[] { new { source = "mk1" }, new { source = "tx1" } } })).StatusCode);
        var stillShared = await _admin.PutAsJsonAsync("/api/v1/egress-settings", new { overflow = "warmSources", allowSharedStreams = false });
        Assert.Equal(HttpStatusCode.BadRequest, stillShared.StatusCode);
        Assert.True(Engine.Plan.AllowSharedStreams);

        // A pool in use cannot go: the assignment would name an unknown pool.
        var inUse = await _admin.DeleteAsync("/api/v1/pools/mk");
        Assert.Equal(HttpStatusCode.BadRequest, inUse.StatusCode);
        Assert.Contains("unknown pool 'mk'", await inUse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = _factory.Services.GetRequiredService<IAuditLog>();
        var (entries, _) = await audit.ListAsync(0, 200);
        Assert.Contains(entries, e => e.Action == "egress-source.create" && e.Target == "tx1");
        Assert.Contains(entries, e => e.Action == "pool.update" && e.Target == "mk");
        Assert.Contains(entries, e => e.Action == "pool-assignment.create" && e.Target == "*/marketing");
        Assert.DoesNotContain(entries, e => e.Action == "pool.create" && e.Target == "ghost");

        // Clean up so the engine is back on its default plan for the other tests of this class.
        foreach (var a in await _admin.GetFromJsonAsync<List<PoolAssignmentView>>("/api/v1/pool-assignments") ?? [])
            Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/pool-assignments/{a.Id}")).StatusCode);
        foreach (var p in new[] { "tx", "mk" }) Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/pools/{p}")).StatusCode);
        foreach (var s in new[] { "tx1", "mk1" }) Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/egress-sources/{s}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/egress-settings", new { overflow = "warmSources", allowSharedStreams = false })).StatusCode);
        Assert.Equal(EgressPlan.Default.Sources, Engine.Plan.Sources);
    }

    [Fact]
    public async Task Tenant_keys_cannot_read_or_change_pools()
    {
        var tenant = await _admin.CreateTenantAsync("Pools tenant " + Guid.NewGuid().ToString("N")[..6]);
        var key = await _admin.CreateKeyAsync(tenant, "admin");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/pool-assignments", new { tenantId = tenant, pool = "default" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/egress-sources", new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/pools")).StatusCode);

        // An admin may map that tenant (the default pool then serves both streams: allowed here); an unknown tenant is a field error.
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/egress-settings", new { overflow = "warmSources", allowSharedStreams = true })).StatusCode);
        var created = await _admin.PostAsJsonAsync("/api/v1/pool-assignments", new { tenantId = tenant, stream = "marketing", pool = "default" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("default", Engine.Plan.PoolFor(tenant, "marketing"));
        var unknown = await _admin.PostAsJsonAsync("/api/v1/pool-assignments", new { tenantId = "no-such-tenant", pool = "default" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/pool-assignments/{(await created.ReadJsonAsync()).GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/v1/egress-settings", new { overflow = "warmSources", allowSharedStreams = false })).StatusCode);
    }

    private async Task Created(string path, object body)
    {
        var response = await _admin.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private sealed record PoolAssignmentView(int Id, string? TenantId, string? Stream, string Pool);
}
