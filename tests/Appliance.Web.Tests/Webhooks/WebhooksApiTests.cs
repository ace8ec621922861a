using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;
using static Appliance.Web.Tests.Webhooks.WebhookTestHost;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>/api/v1 webhook CRUD, validation, tenant scoping, audit, the test button, the delivery log and re-send.</summary>
public sealed class WebhooksApiTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["BatchSize"] = "10", ["Linger"] = "00:00:00.050" };

    [Fact]
    public async Task Create_returns_the_secret_once_and_changes_are_audited()
    {
        await using var host = await StartAsync(Fast);

        var created = await host.Admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url = host.Receiver.Url, eventTypes = new[] { "delivery", "Bounce" } });
        var json = await created.ReadJsonAsync();
        var id = json.GetProperty("id").GetString()!;
        var fetched = await host.GetEndpointAsync(id);
        var list = await (await host.Admin.GetAsync("/api/v1/tenants/default/webhooks")).ReadJsonAsync();
        var put = await host.Admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "https://hooks.example.com/x", eventTypes = new[] { "Alert" }, enabled = false });
        var deleted = await host.Admin.DeleteAsync($"/api/v1/webhooks/{id}");
        var gone = await host.Admin.GetAsync($"/api/v1/webhooks/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("whsec_", json.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Delivery", "Bounce"], json.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("secret").ValueKind);
        Assert.Equal([id], list.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await put.ReadJsonAsync()).GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var (audit, _) = await host.Factory.Services.GetRequiredService<IAuditLog>().ListAsync(0, 100);
        var mine = audit.Where(a => a.Target == id).Select(a => a.Action).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["webhook.create", "webhook.delete", "webhook.update"], mine);
        Assert.DoesNotContain(audit, a => (a.After ?? "").Contains(json.GetProperty("secret").GetString()!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x", "Delivery", "url")]
    [InlineData("/relative", "Delivery", "url")]
    [InlineData("https://user:pw@hooks.example.com/", "Delivery", "url")]
    [InlineData("https://hooks.example.com/x", "Rejection", "eventTypes")]
    [InlineData("https://hooks.example.com/x", "NoSuchType", "eventTypes")]
    public async Task Invalid_urls_and_filters_are_400_validation_problems(string url, string type, string field)
    {
        await using var host = await StartAsync(Fast);

        var response = await host.Admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url, eventTypes = new[] { type } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_tenant_scoped_key_sees_only_its_tenants_webhooks()
    {
        await using var host = await StartAsync(Fast);
        var other = await host.Admin.CreateTenantAsync("Scoped " + Guid.NewGuid().ToString("N")[..6]);
        var (defaultHook, _) = await host.CreateEndpointAsync("default", "Delivery");
        var (ownHook, _) = await host.CreateEndpointAsync(other, "Delivery");
        var scoped = host.Factory.WithKey(await host.Admin.CreateKeyAsync(other, "admin"));

        var own = await (await scoped.GetAsync($"/api/v1/tenants/{other}/webhooks")).ReadJsonAsync();
        Assert.Equal([ownHook], own.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync("/api/v1/tenants/default/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync($"/api/v1/webhooks/{defaultHook}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.DeleteAsync($"/api/v1/webhooks/{defaultHook}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.PostAsync($"/api/v1/webhooks/{defaultHook}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url = host.Receiver.Url, eventTypes = new[] { "Delivery" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync($"/api/v1/webhooks/{defaultHook}")).StatusCode);
    }

    [Fact]
    public async Task The_test_button_sends_a_signed_test_batch_and_logs_it()
    {
        await using var host = await StartAsync(Fast);
        var (id, secret) = await host.CreateEndpointAsync("default", "Delivery");

        var response = await host.Admin.PostAsync($"/api/v1/webhooks/{id}/test", null);
        var result = await response.ReadJsonAsync();
        var deliveries = await (await host.Admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("succeeded").GetBoolean());
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        var received = Assert.Single(host.Receiver.Received);
        Assert.True(received.Json.GetProperty("test").GetBoolean());
        Assert.True(WebhookSignature.Verify(secret, received.Signature, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var row = Assert.Single(deliveries.EnumerateArray());
        Assert.True(row.GetProperty("test").GetBoolean());
        Assert.Equal(200, row.GetProperty("statusCode").GetInt32());
        Assert.Equal("ok", row.GetProperty("responseExcerpt").GetString());
        Assert.Contains("\"test\":true", row.GetProperty("requestExcerpt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_queues_the_endpoints_events_of_a_time_range_from_the_event_log()
    {
        await using var host = await StartAsync(Fast);
        var (id, _) = await host.CreateEndpointAsync("default", "Bounce");
        var t0 = new DateTimeOffset(2031, 6, 1, 10, 0, 0, TimeSpan.Zero);
        WriteEvents(host.Factory.DataDir,
        [
            Event(MtaEventType.Bounce, "in-range-1", "default", t0.AddMinutes(1)),
            Event(MtaEventType.Delivery, "wrong-type", "default", t0.AddMinutes(2)),
            Event(MtaEventType.Bounce, "in-range-2", "default", t0.AddMinutes(3)),
            Event(MtaEventType.Bounce, "too-late", "default", t0.AddHours(2)),
            Event(MtaEventType.Bounce, "other-tenant", "someone-else", t0.AddMinutes(4)),
        ]);

        var response = await host.Admin.PostAsJsonAsync($"/api/v1/webhooks/{id}/resend", new { from = t0, to = t0.AddHours(1) });
        var invalid = await host.Admin.PostAsJsonAsync($"/api/v1/webhooks/{id}/resend", new { from = t0, to = t0 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("queued").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await WaitUntilAsync(() => host.Receiver.Events.Count == 2, "the re-sent events arrive");
        Assert.Equal(["in-range-1", "in-range-2"], host.Receiver.Events.Select(e => e.GetProperty("messageId").GetString()));
    }
}
