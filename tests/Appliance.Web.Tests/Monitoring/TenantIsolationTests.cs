using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>A tenant-scoped key sees and changes only its own tenant.</summary>
public sealed class TenantIsolationTests : IClassFixture<ApplianceFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2031, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ApplianceFactory _factory;
    private string _mine = "", _other = "", _adminKey = "", _viewerKey = "";

    public TenantIsolationTests(ApplianceFactory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        var admin = _factory.CreateAdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        _mine = await admin.CreateTenantAsync("Mine " + suffix);
        _other = await admin.CreateTenantAsync("Other " + suffix);
        _adminKey = await admin.CreateKeyAsync(_mine, "admin");
        _viewerKey = await admin.CreateKeyAsync(_mine, "viewer");
        WriteEvents(_factory.DataDir,
        [
            Event(MtaEventType.Reception, "mine-" + suffix, _mine, T0),
            Event(MtaEventType.Reception, "other-" + suffix, _other, T0),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tenant_list_and_records_show_only_the_own_tenant()
    {
        var client = _factory.WithKey(_adminKey);

        var list = await (await client.GetAsync("/api/v1/tenants")).ReadJsonAsync();
        var own = await client.GetAsync($"/api/v1/tenants/{_mine}");
        var other = await client.GetAsync($"/api/v1/tenants/{_other}");
        var otherCredentials = await client.GetAsync($"/api/v1/tenants/{_other}/smtp-credentials");
        var otherKeys = await client.PostAsJsonAsync($"/api/v1/tenants/{_other}/api-keys", new { name = "x", role = "admin" });

        Assert.Equal([_mine], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCredentials.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherKeys.StatusCode);
    }

    [Fact]
    public async Task Events_are_limited_to_the_own_tenant()
    {
        var client = _factory.WithKey(_adminKey);

        var all = await client.EventsAsync("?from=2031-05-01T00:00:00Z&to=2031-05-02T00:00:00Z");
        var other = await client.GetAsync($"/api/v1/events?tenant={_other}");

        Assert.Equal([_mine], all.Select(e => e.GetProperty("tenant").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Queue_summary_and_operations_are_limited_to_the_own_tenant()
    {
        var client = _factory.WithKey(_adminKey);

        var summary = await (await client.GetAsync("/api/v1/queues")).ReadJsonAsync();
        var otherSuspend = await client.PostAsJsonAsync("/api/v1/queues/suspend", new { tenant = _other, dryRun = true });
        var siteSuspend = await client.PostAsJsonAsync("/api/v1/queues/suspend", new { site = "mx.example.net" });
        var ownDryRun = await client.PostAsJsonAsync("/api/v1/queues/retry", new { dryRun = true });

        Assert.All(summary.GetProperty("scheduled").EnumerateArray(), q => Assert.Equal(_mine, q.GetProperty("tenant").GetString()));
        Assert.Empty(summary.GetProperty("ready").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, otherSuspend.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, siteSuspend.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownDryRun.StatusCode);
    }

    [Fact]
    public async Task Paged_queue_list_and_counters_show_only_the_own_tenant()
    {
        var admin = _factory.CreateAdminClient();
        var domain = $"held-{Guid.NewGuid():N}.test";
        // A closed loopback port: every attempt is deferred, so the messages stay queued.
        Assert.True((await admin.PostAsJsonAsync("/api/v1/routes", new { domain, host = "127.0.0.1", port = 1, tls = "disabled" })).IsSuccessStatusCode);
        foreach (var tenant in new[] { _mine, _other })
            Assert.True((await admin.PostAsJsonAsync("/api/v1/messages", new { from = "a@example.com", to = new[] { $"b@{domain}" }, subject = "s", text = "t", tenantId = tenant })).IsSuccessStatusCode);
        var client = _factory.WithKey(_adminKey);

        var all = await (await admin.GetAsync($"/api/v1/queues/scheduled?domain={domain}")).ReadJsonAsync();
        var own = await (await client.GetAsync($"/api/v1/queues/scheduled?domain={domain}")).ReadJsonAsync();
        var other = await client.GetAsync($"/api/v1/queues/scheduled?tenant={_other}");
        var counters = await (await client.GetAsync("/api/v1/queues/counters")).ReadJsonAsync();

        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal([_mine], own.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("tenant").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal([_mine], counters.GetProperty("messagesByTenant").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Appliance_wide_resources_are_forbidden()
    {
        var client = _factory.WithKey(_adminKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/routes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/routes", new { domain = "x.test", host = "127.0.0.1", port = 25 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Sneaky" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/stats")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_message_is_404()
    {
        var admin = _factory.CreateAdminClient();
        var injected = await admin.PostAsJsonAsync("/api/v1/messages", new { from = "a@example.com", to = new[] { "b@isolation.test" }, subject = "s", text = "t", tenantId = _other });
        var id = (await injected.ReadJsonAsync()).GetProperty("id").GetString();

        var asOther = await _factory.WithKey(_adminKey).GetAsync($"/api/v1/messages/{id}");
        var asAdmin = await admin.GetAsync($"/api/v1/messages/{id}");

        Assert.Equal(HttpStatusCode.NotFound, asOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task A_viewer_key_reads_but_cannot_change()
    {
        var client = _factory.WithKey(_viewerKey);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/queues/suspend", new { domain = "x.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/tenants/{_mine}/api-keys", new { name = "x", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/messages", new { from = "a@example.com", to = new[] { "b@example.net" }, text = "t" })).StatusCode);
    }
}
