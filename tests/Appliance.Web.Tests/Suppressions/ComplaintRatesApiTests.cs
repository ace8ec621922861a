using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>GET /api/v1/complaint-rates over the real host: events through the engine's sink, pools from the live egress plan,
/// a tenant-scoped key limited to its own tenant, and the complaint outcome and pool gauge on /metrics.</summary>
public sealed class ComplaintRatesApiTests
{
    [Fact]
    public async Task Rates_per_tenant_pool_source_and_ip_with_tenant_keys_seeing_only_their_own()
    {
        using var factory = new TokenFactory();
        var admin = factory.CreateAdminClient();
        var tenantId = (await (await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "complaints-acme" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "out-a", bindAddress = "127.0.0.2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/pools",
            new { name = "bulk", members = new[] { new { source = "out-a", weight = 1 } } })).StatusCode);

        var sink = factory.Services.GetRequiredService<IEventSink>();
        for (var i = 0; i < 200; i++) sink.Write(Event(MtaEventType.Delivery, tenantId, "out-a", "127.0.0.2"));
        for (var i = 0; i < 100; i++) sink.Write(Event(MtaEventType.Delivery, "other", "default", null));
        sink.Write(Event(MtaEventType.Feedback, tenantId, null, "127.0.0.2") with { Detail = ComplaintEvent.DetailPrefix + "abuse" });
        sink.Write(Event(MtaEventType.Feedback, tenantId, null, "127.0.0.2") with { Detail = ComplaintEvent.DetailPrefix + "not-spam" });

        var all = await Eventually(admin, r => Entry(r, "tenants", tenantId) is { } t && t.GetProperty("deliveries").GetInt64() == 200
            && t.GetProperty("complaints").GetInt64() == 1);
        Assert.Equal(0.005, Entry(all, "tenants", tenantId)!.Value.GetProperty("rate").GetDouble(), 6);
        Assert.Equal((1, 200), Counts(Entry(all, "pools", "bulk")));
        Assert.Equal((1, 200), Counts(Entry(all, "sources", "out-a")));
        Assert.Equal((1, 200), Counts(Entry(all, "ips", "127.0.0.2")));
        Assert.Equal((0, 100), Counts(Entry(all, "pools", "default")));
        Assert.Equal(tenantId, all.GetProperty("tenants")[0].GetProperty("name").GetString()); // highest rate first

        var keyResponse = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/api-keys", new { name = "k", role = "viewer" });
        using var scoped = factory.CreateClient();
        scoped.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var own = await scoped.GetFromJsonAsync<JsonElement>("/api/v1/complaint-rates");
        Assert.Equal(tenantId, Assert.Single(own.GetProperty("tenants").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(own.GetProperty("pools").EnumerateArray());
        Assert.Empty(own.GetProperty("ips").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/complaint-rates")).StatusCode);

        // The alert check (a Quartz job every minute) finds the tenant over the threshold at this sample size.
        factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SuppressionOptions>>().Value.ComplaintAlertMinimumDeliveries = 100;
        Assert.True(await factory.Services.GetRequiredService<ComplaintRateAlerts>().CheckAsync() >= 1);
        Assert.Contains($"tenant:{tenantId}", factory.Services.GetRequiredService<ComplaintRateAlerts>().Alerting);

        var metrics = factory.CreateClient();
        metrics.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-token-0123456789");
        var text = await metrics.GetStringAsync("/metrics");
        Assert.Equal(1, PrometheusText.Value(text, "appliance_mta_outcomes", ("outcome", "complained"), ("tenant", tenantId)));
        Assert.Equal(0.005, PrometheusText.Value(text, "appliance_mta_complaints_rate", ("scope", "pool"), ("name", "bulk")), 6);
        Assert.Equal(0, PrometheusText.Value(text, "appliance_mta_complaints_rate", ("scope", "source"), ("name", "default")), 6);
    }

    [Fact]
    public async Task Rates_survive_a_restart_of_the_host()
    {
        var dataDir = Directory.CreateTempSubdirectory("complaint-restart-").FullName;
        try
        {
            using (var first = ApplianceFactory.WithSettings([], dataDir))
            {
                var sink = first.Services.GetRequiredService<IEventSink>();
                for (var i = 0; i < 50; i++) sink.Write(Event(MtaEventType.Delivery, "restart-tenant", "default", null));
                sink.Write(Event(MtaEventType.Feedback, "restart-tenant", "default", null) with { Detail = ComplaintEvent.DetailPrefix + "abuse" });
                await Eventually(first.CreateAdminClient(), r => Counts(Entry(r, "tenants", "restart-tenant")) == (1, 50));
            } // stopping the host saves the window

            using var second = ApplianceFactory.WithSettings([], dataDir);
            var report = await second.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/v1/complaint-rates");
            Assert.Equal((1, 50), Counts(Entry(report, "tenants", "restart-tenant")));
            Assert.Equal((1, 50), Counts(Entry(report, "pools", "default")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteEventually(dataDir);
        }
    }

    /// <summary>Removes the data folder, retrying for a few seconds while a stopping host may still close files in it.</summary>
    private static void DeleteEventually(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private sealed class TokenFactory() : ApplianceFactory(null, new Dictionary<string, string?> { ["Appliance:Metrics:Token"] = "scrape-token-0123456789" });

    private static MtaEvent Event(MtaEventType type, string tenant, string? source, string? ip) =>
        new() { Type = type, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, EgressSource = source, EgressIp = ip, Recipient = "r@example.com" };

    private static JsonElement? Entry(JsonElement report, string scope, string name) =>
        report.GetProperty(scope).EnumerateArray().Where(e => e.GetProperty("name").GetString() == name).Select(e => (JsonElement?)e).FirstOrDefault();

    private static (long, long) Counts(JsonElement? e) =>
        e is { } x ? (x.GetProperty("complaints").GetInt64(), x.GetProperty("deliveries").GetInt64()) : (-1, -1);

    /// <summary>Events reach listeners asynchronously: polls the report until <paramref name="done"/> holds (10 s at most).</summary>
    private static async Task<JsonElement> Eventually(HttpClient client, Func<JsonElement, bool> done)
    {
        JsonElement report = default;
        for (var i = 0; i < 100; i++)
        {
            report = await client.GetFromJsonAsync<JsonElement>("/api/v1/complaint-rates");
            if (done(report)) return report;
            await Task.Delay(100);
        }
        return report;
    }
}
