using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>
/// The real engine with a route to a closed loopback port: an injected message stays queued (each attempt is a
/// transient failure), so its timeline, headers and the dry run can be observed.
/// </summary>
public sealed class QueuedMessageTests : IClassFixture<ApplianceFactory>
{
    private const string Domain = "deferred.test";
    private readonly ApplianceFactory _factory;

    public QueuedMessageTests(ApplianceFactory factory) => _factory = factory;

    private async Task<string> InjectAsync(HttpClient admin, string tenant = "default")
    {
        var route = await admin.PostAsJsonAsync("/api/v1/routes", new { domain = Domain, host = "127.0.0.1", port = 1, tls = "disabled" });
        Assert.True(route.IsSuccessStatusCode, await route.Content.ReadAsStringAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "sender@example.com",
            to = new[] { "rcpt@" + Domain },
            subject = "Timeline test",
            text = "body",
            tenantId = tenant,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> DetailWithAsync(HttpClient client, string id, string eventType) =>
        MonitoringApi.PollAsync(async () =>
        {
            var response = await client.GetAsync($"/api/v1/messages/{id}");
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var body = await response.ReadJsonAsync();
            return body.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("type").GetString() == eventType) ? body : null;
        });

    [Fact]
    public async Task Timeline_lists_reception_then_attempts_and_the_queued_headers()
    {
        var admin = _factory.CreateAdminClient();
        var id = await InjectAsync(admin);

        var detail = await DetailWithAsync(admin, id, "transientFailure");

        Assert.Equal(id, detail.GetProperty("id").GetString());
        Assert.Equal("queued", detail.GetProperty("status").GetString());
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal("reception", timeline[0].GetProperty("type").GetString());
        var times = timeline.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        var queued = detail.GetProperty("queued");
        Assert.Equal("sender@example.com", queued.GetProperty("mailFrom").GetString());
        Assert.Equal("rcpt@" + Domain, queued.GetProperty("recipients")[0].GetProperty("address").GetString());
        var headers = queued.GetProperty("headers").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h.GetProperty("value").GetString());
        Assert.Equal("Timeline test", headers["Subject"]);
    }

    [Fact]
    public async Task Unknown_message_is_404()
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/messages/00000000000000ff");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("retry")]
    [InlineData("bounce")]
    [InlineData("delete")]
    public async Task Dry_run_counts_and_changes_nothing(string operation)
    {
        var admin = _factory.CreateAdminClient();
        var id = await InjectAsync(admin);
        await DetailWithAsync(admin, id, "reception");
        var before = await (await admin.GetAsync("/api/v1/queues")).ReadJsonAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/queues/{operation}", new { messageId = id, reason = "test", dryRun = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, body.GetProperty("affected").GetInt32());
        var after = await (await admin.GetAsync("/api/v1/queues")).ReadJsonAsync();
        Assert.Equal(before.GetProperty("totalMessages").GetInt32(), after.GetProperty("totalMessages").GetInt32());
        Assert.DoesNotContain(after.GetProperty("scheduled").EnumerateArray(), q => q.GetProperty("suspended").GetBoolean());
        var detail = await (await admin.GetAsync($"/api/v1/messages/{id}")).ReadJsonAsync();
        Assert.Equal("queued", detail.GetProperty("status").GetString());
        Assert.DoesNotContain(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == "bounce");
    }

    [Fact]
    public async Task Stats_count_the_accepted_recipient()
    {
        var admin = _factory.CreateAdminClient();
        await InjectAsync(admin);

        var response = await admin.GetAsync("/api/v1/stats?minutes=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.ReadJsonAsync();
        Assert.Equal(5, stats.GetProperty("minutes").GetArrayLength());
        Assert.True(stats.GetProperty("totals").GetProperty("accepted").GetInt32() >= 1);
        Assert.True(stats.GetProperty("minutes").EnumerateArray().Sum(m => m.GetProperty("accepted").GetInt32()) >= 1);
        Assert.True(stats.GetProperty("gauges").GetProperty("queueDepth").GetInt32() >= 1);
    }
}
